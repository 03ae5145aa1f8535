package dev.chiptrail.http;

/** An HTTP-level refusal (404 path, 405, 413, 414) raised by the HTTP layer itself. */
final class HttpError extends RuntimeException {
  final int status;
  final String code;

  HttpError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
