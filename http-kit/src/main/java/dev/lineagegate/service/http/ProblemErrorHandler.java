package dev.lineagegate.service.http;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;

/**
 * What Jetty answers when it refuses a request before Javalin sees it, as an RFC 9457 problem
 * instead of its HTML page: a bad message (URI too long, headers too large, a duplicate Host, a NUL
 * in the path; {@link #badMessageError}) and an error sent outside a route ({@link
 * #generateAcceptableResponse}). Javalin's own answers do not come through here.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  /** Installs the handler on the Jetty server Javalin builds from {@code config}. */
  public static void install(final JavalinConfig config) {
    config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
  }

  /** Every method gets a body: Jetty's default sends none for PUT, DELETE ... */
  @Override
  public boolean errorPageForMethod(final String method) {
    return true;
  }

  /** A request Jetty could not parse: there is no request object, hence no instance. */
  @Override
  public ByteBuffer badMessageError(
      final int status, final String reason, final HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return BufferUtil.EMPTY_BUFFER;
    }
    fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    return ByteBuffer.wrap(Refusal.of(status, reason).json(null));
  }

  /** Whatever the client accepts: a problem is the one error shape of these services. */
  @Override
  protected void generateAcceptableResponse(
      final Request baseRequest,
      final HttpServletRequest request,
      final HttpServletResponse response,
      final int code,
      final String message)
      throws IOException {
    final byte[] body = Refusal.of(code, message).json(request.getRequestURI());
    response.setContentType(Problem.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
