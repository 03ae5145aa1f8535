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
    byte[] bytes = readBytes(file, display, errors);
    return bytes == null ? null : decode(bytes, display, errors);
  }

  private static byte[] readBytes(Path file, String display, List<ValidationError> errors) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      errors.add(new ValidationError(display, 0, 0, null, "cannot read: " + e.getMessage()));
      return null;
    }
  }

  private static boolean hasBom(byte[] bytes) {
    return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
  }

  static String decode(byte[] bytes, String display, List<ValidationError> errors) {
    return decode(bytes, hasBom(bytes) ? 3 : 0, StandardCharsets.UTF_8, display, errors);
  }

  /** Strict decoding from {@code start}: the first byte that does not decode is an error with its line and offset. */
  private static String decode(byte[] bytes, int start, java.nio.charset.Charset cs, String display, List<ValidationError> errors) {
    CharsetDecoder dec = cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate((bytes.length - start) * 2 + 2);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
      String name = cs.equals(StandardCharsets.UTF_8) ? "UTF-8" : cs.name();
      errors.add(new ValidationError(display, line, 0, null,
          String.format(Locale.ROOT, "invalid %s at byte offset %d (byte 0x%02X)", name, offset, bytes[offset] & 0xFF)));
      return null;
    }
    dec.flush(out);
    out.flip();
    return out.toString().replace("\r\n", "\n");
  }

  /**
   * Reads an article file in UTF-8 (with or without BOM), GB18030/GBK or Big5. With {@code named} the
   * encoding is that one; otherwise UTF-8 is tried first (valid UTF-8 of Chinese text is almost never
   * valid GBK text by accident, and the other way round fails fast), then ICU's detector chooses
   * between GB18030 and Big5 only. Bytes that do not decode are an error with the byte offset.
   */
  public static String readArticleText(Path file, String display, java.nio.charset.Charset named, List<ValidationError> errors) {
    byte[] bytes = readBytes(file, display, errors);
    if (bytes == null) return null;
    boolean bom = hasBom(bytes);
    if (named == null && !bom && !isUtf8(bytes)) {
      named = detectChinese(bytes);
      if (named == null) return decode(bytes, display, errors); // reports the first bad UTF-8 byte
    }
    if (named == null || named.equals(StandardCharsets.UTF_8)) return decode(bytes, display, errors);
    return decode(bytes, 0, named, display, errors);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      decodeStrict(bytes, StandardCharsets.UTF_8);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * GB18030 or Big5, whichever ICU's statistical detector rates higher among those the bytes decode in
   * strictly. A tie (a mostly Latin text with a few Han characters gives both ICU's floor) goes to
   * GB18030, the more common of the two and a superset of GBK.
   */
  private static java.nio.charset.Charset detectChinese(byte[] bytes) {
    com.ibm.icu.text.CharsetDetector d = new com.ibm.icu.text.CharsetDetector();
    d.setText(bytes);
    java.nio.charset.Charset best = null;
    int bestConfidence = -1;
    for (com.ibm.icu.text.CharsetMatch m : d.detectAll()) {
      java.nio.charset.Charset cs = switch (m.getName()) {
        case "GB18030" -> java.nio.charset.Charset.forName("GB18030");
        case "Big5" -> java.nio.charset.Charset.forName("Big5");
        default -> null;
      };
      if (cs == null) continue;
      boolean gb = cs.name().equals("GB18030");
      if (m.getConfidence() < bestConfidence || (m.getConfidence() == bestConfidence && !gb)) continue;
      try {
        decodeStrict(bytes, cs);
        best = cs;
        bestConfidence = m.getConfidence();
      } catch (CharacterCodingException e) {
        // not this one
      }
    }
    return best;
  }

  /** Decodes strictly with any charset, for callers that know the encoding. */
  public static String decodeStrict(byte[] bytes, java.nio.charset.Charset cs) throws CharacterCodingException {
    return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }
}
