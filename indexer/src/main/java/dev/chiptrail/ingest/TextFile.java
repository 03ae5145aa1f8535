package dev.chiptrail.ingest;

import java.util.Locale;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a text file as strict UTF-8: a byte-order mark is dropped, CRLF becomes LF, and a byte that is
 * not UTF-8 is an error naming the line and byte offset, never a silent replacement character.
 */
public final class TextFile {
  private TextFile() {}

  /** The text, or null after adding an error to {@code errors}. */
  public static String readUtf8(Path file, String display, List<ValidationError> errors) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      errors.add(new ValidationError(display, 0, 0, null, "cannot read: " + e.getMessage()));
      return null;
    }
    return decode(bytes, display, errors);
  }

  static String decode(byte[] bytes, String display, List<ValidationError> errors) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
      errors.add(new ValidationError(display, line, 0, null,
          String.format(Locale.ROOT, "invalid UTF-8 at byte offset %d (byte 0x%02X)", offset, bytes[offset] & 0xFF)));
      return null;
    }
    dec.flush(out);
    out.flip();
    return out.toString().replace("\r\n", "\n");
  }

  /** Decodes strictly with any charset, for callers that know the encoding. */
  public static String decodeStrict(byte[] bytes, java.nio.charset.Charset cs) throws CharacterCodingException {
    return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }
}
