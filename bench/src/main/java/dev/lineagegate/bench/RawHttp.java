package dev.lineagegate.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends pre-encoded requests (POST or GET) and reads only
 * what it needs of each answer (status, then the body skipped by Content-Length or chunks). A load
 * generator must cost little next to what it measures: on 2 cores the JDK HttpClient took more CPU
 * than the service's own HTTP threads. Not a general client: loopback benchmarks only.
 */
final class RawHttp implements AutoCloseable {

  private final URI url;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  RawHttp(final URI url) {
    this.url = url;
  }

  /** The bytes of a POST of {@code json} to this connection's URL. */
  static byte[] post(final URI url, final String json) {
    final byte[] body = json.getBytes(StandardCharsets.UTF_8);
    final byte[] head =
        ("POST "
                + url.getRawPath()
                + " HTTP/1.1\r\nHost: "
                + url.getHost()
                + ":"
                + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    final byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return request;
  }

  /** The bytes of a GET of this URL (path and query), keep-alive. */
  static byte[] get(final URI url) {
    final String target =
        url.getRawQuery() == null ? url.getRawPath() : url.getRawPath() + "?" + url.getRawQuery();
    return ("GET "
            + target
            + " HTTP/1.1\r\nHost: "
            + url.getHost()
            + ":"
            + url.getPort()
            + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends one request and returns the status; reconnects once if the server closed. */
  int send(final byte[] request) throws IOException {
    try {
      return exchange(request);
    } catch (IOException e) {
      close();
      return exchange(request);
    }
  }

  private int exchange(final byte[] request) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }
    out.write(request);
    out.flush();
    final String status = line();
    if (!status.startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP answer: " + status);
    }
    long length = -1;
    boolean chunked = false;
    boolean closing = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      final String lower = header.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closing = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line().trim(), 16);
          size > 0;
          size = Long.parseLong(line().trim(), 16)) {
        skip(size);
        line();
      }
      line();
    } else if (length > 0) {
      skip(length);
    }
    if (closing) {
      close();
    }
    return Integer.parseInt(status.substring(9, 12));
  }

  private String line() throws IOException {
    final StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private void skip(final long count) throws IOException {
    for (long left = count; left > 0; ) {
      final long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed in a body");
        }
        left--;
      } else {
        left -= skipped;
      }
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
