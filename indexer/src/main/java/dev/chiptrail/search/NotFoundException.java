package dev.chiptrail.search;

/** The id a client asked for is not in the index. The HTTP layer maps it to 404. */
public final class NotFoundException extends RuntimeException {
  private final String what;
  private final String id;

  public NotFoundException(String what, String id) {
    super("no " + what + " with id '" + id + "'");
    this.what = what;
    this.id = id;
  }

  public String what() {
    return what;
  }

  public String id() {
    return id;
  }
}
