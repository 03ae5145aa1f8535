package dev.chiptrail.ingest;

import java.util.Locale;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date as precise as the source: a day, a month or a year. Parsed with java.time's ISO chronology
 * only, so the result is the same under every JVM time zone and locale.
 */
public record PartialDate(int year, int month, int day) implements Comparable<PartialDate> {
  private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

  public enum Precision { YEAR, MONTH, DAY }

  /** Parses yyyy, yyyy-MM or yyyy-MM-dd; month and day are 0 when absent. */
  public static PartialDate parse(String s) {
    Matcher m = FORM.matcher(s == null ? "" : s.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + s + "' is not a date of the form yyyy, yyyy-MM or yyyy-MM-dd");
    }
    int y = Integer.parseInt(m.group(1));
    int mo = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int d = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    try {
      if (d > 0) LocalDate.of(y, mo, d);
      else if (mo > 0) YearMonth.of(y, mo);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + s + "' is not a real date: " + e.getMessage());
    }
    if (y < 1900 || y > 2100) throw new IllegalArgumentException("'" + s + "': year outside 1900-2100");
    return new PartialDate(y, mo, d);
  }

  public Precision precision() {
    return day > 0 ? Precision.DAY : month > 0 ? Precision.MONTH : Precision.YEAR;
  }

  /** yyyyMMdd of the first day this date can mean. */
  public int firstDay() {
    return year * 10000 + Math.max(month, 1) * 100 + Math.max(day, 1);
  }

  /** yyyyMMdd of the last day this date can mean. */
  public int lastDay() {
    if (day > 0) return firstDay();
    if (month > 0) return year * 10000 + month * 100 + YearMonth.of(year, month).lengthOfMonth();
    return year * 10000 + 1231;
  }

  public String yearKey() {
    return String.format(Locale.ROOT, "%04d", year);
  }

  /** yyyy-MM, or null for a year-only date. */
  public String monthKey() {
    return month == 0 ? null : String.format(Locale.ROOT, "%04d-%02d", year, month);
  }

  @JsonValue
  @Override
  public String toString() {
    if (day > 0) return String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
    if (month > 0) return String.format(Locale.ROOT, "%04d-%02d", year, month);
    return String.format(Locale.ROOT, "%04d", year);
  }

  @Override
  public int compareTo(PartialDate o) {
    return Integer.compare(firstDay(), o.firstDay());
  }
}
