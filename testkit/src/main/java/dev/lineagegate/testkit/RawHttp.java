package dev.lineagegate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, bytes written as given: what an HTTP client refuses to send (a NUL
 * in the path, two Host headers, 40 KB of headers) but an attacker or a broken proxy does. One
 * request per connection, bounded to 10 s; the answer is read up to Content-Length or the close.
 */
public final class RawHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_MS = 10_000;

  private RawHttp() {}

  /** An answer: status, headers by lower-case name (last one wins), body as UTF-8. */
  public record Answer(int status, Map<String, String> headers, String body) {

    public String header(final String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as JSON, or an AssertionError naming it. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** {@code head} (request line and headers, without the blank line) then {@code body}. */
  public static Answer send(final int port, final String head, final byte[] body)
      throws IOException {
    final byte[] request = (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      // Written from another thread: a server refusing a 70 KB URI or a body announced too large
      // answers and closes before it reads everything, and a write larger than the socket buffers
      // would otherwise block this thread before it reads the answer.
      final OutputStream out = socket.getOutputStream();
      final Thread writer = new Thread(() -> write(out, request, body), "raw-http-writer");
      writer.setDaemon(true);
      writer.start();
      return read(new BufferedInputStream(socket.getInputStream()));
    }
  }

  private static void write(final OutputStream out, final byte[] head, final byte[] body) {
    try {
      out.write(head);
      out.write(body);
      out.flush();
    } catch (IOException e) {
      // The server answered and closed before reading everything: expected for a refusal.
    }
  }

  /**
   * A GET of {@code target} (written as is) with {@code headers} ("Name: value" lines), or with a
   * Host header alone when none is given.
   */
  public static Answer get(final int port, final String target, final String... headers)
      throws IOException {
    final StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1");
    if (headers.length == 0) {
      head.append("\r\nHost: 127.0.0.1:").append(port);
    }
    for (final String header : headers) {
      head.append("\r\n").append(header);
    }
    head.append("\r\nConnection: close");
    return send(port, head.toString(), new byte[0]);
  }

  private static Answer read(final InputStream in) throws IOException {
    final ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      final int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the end of the headers: " + head);
      }
      head.write(b);
      if ((b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1)) {
        matched++;
      } else {
        matched = b == '\r' ? 1 : 0;
      }
    }
    final String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    final int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    final Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      final int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    final String length = headers.get("content-length");
    final byte[] body =
        length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    final boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
    return new Answer(
        status, headers, new String(chunked ? unchunked(body) : body, StandardCharsets.UTF_8));
  }

  /** The data of a chunked body read whole (the connection was closed after it). */
  private static byte[] unchunked(final byte[] body) {
    final ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
    int at = 0;
    while (at < body.length) {
      int end = at;
      while (end + 1 < body.length && !(body[end] == '\r' && body[end + 1] == '\n')) {
        end++;
      }
      final String size = new String(body, at, end - at, StandardCharsets.ISO_8859_1);
      final int length = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
      if (length == 0) {
        break;
      }
      data.write(body, end + 2, length);
      at = end + 2 + length + 2;
    }
    return data.toByteArray();
  }
}
