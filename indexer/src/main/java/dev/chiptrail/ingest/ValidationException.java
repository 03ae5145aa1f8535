package dev.chiptrail.ingest;

import java.util.List;

/** The data did not validate; nothing was written. */
public final class ValidationException extends Exception {
  private final List<ValidationError> errors;

  public ValidationException(List<ValidationError> errors) {
    super(errors.size() + " error(s) in the data; first: " + errors.get(0));
    this.errors = List.copyOf(errors);
  }

  public List<ValidationError> errors() {
    return errors;
  }
}
