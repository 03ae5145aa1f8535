package dev.chiptrail.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error response: {@code {"error": {"status", "code", "param", "message"}}}. */
public record ApiError(Detail error) {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Detail(int status, String code, String param, String message) {}

  public static ApiError of(int status, String code, String param, String message) {
    return new ApiError(new Detail(status, code, param, message));
  }
}
