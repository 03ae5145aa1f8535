package dev.chiptrail.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The article inside a saved web page: metadata from Open Graph / article meta tags, the text from the
 * {@code <article>} (else {@code <main>}, else the body) with navigation, scripts, styles, headers,
 * footers, asides and forms removed, one paragraph per line.
 */
final class HtmlArticle {
  /** Page furniture, never article text. */
  private static final String BOILERPLATE = "script, style, noscript, template, iframe, svg, nav, header, footer, aside, form, "
      + "button, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], .advert, .ad, .share, .related";
  private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, td";

  private HtmlArticle() {}

  static ArticleReader.Meta parse(String html) {
    Document doc = Jsoup.parse(html);
    String title = firstNonBlank(meta(doc, "og:title"), meta(doc, "twitter:title"), doc.title(),
        doc.selectFirst("h1") == null ? null : doc.selectFirst("h1").text());
    String date = date(firstNonBlank(meta(doc, "article:published_time"), meta(doc, "date"), meta(doc, "dc.date"),
        doc.selectFirst("time[datetime]") == null ? null : doc.selectFirst("time[datetime]").attr("datetime")));
    String outlet = firstNonBlank(meta(doc, "og:site_name"), meta(doc, "publisher"));
    String url = firstNonBlank(meta(doc, "og:url"),
        doc.selectFirst("link[rel=canonical]") == null ? null : doc.selectFirst("link[rel=canonical]").attr("href"));
    String language = language(firstNonBlank(doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang"),
        meta(doc, "og:locale")));

    doc.select(BOILERPLATE).remove();
    Element root = doc.selectFirst("article");
    if (root == null) root = doc.selectFirst("main");
    if (root == null) root = doc.body();
    List<String> lines = new ArrayList<>();
    for (Element e : root.select(BLOCKS)) {
      // A block nested in another (p inside li) is written once, by the innermost.
      if (!e.select(BLOCKS).stream().filter(x -> x != e).toList().isEmpty()) continue;
      String t = e.text().strip();
      if (!t.isEmpty()) lines.add(t);
    }
    String body = lines.isEmpty() ? root.text() : String.join("\n", lines);
    // The headline usually opens the article element too; keep it once, as the title.
    if (title != null && !lines.isEmpty() && lines.get(0).equals(title.strip())) {
      body = String.join("\n", lines.subList(1, lines.size()));
    }
    return new ArticleReader.Meta(null, title, outlet, date, language, url, body, null);
  }

  private static String meta(Document doc, String key) {
    Element e = doc.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
    return e == null ? null : e.attr("content");
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v.strip();
    return null;
  }

  /** 2024-08-26T09:30:00Z → 2024-08-26; anything else that is not a date is left out. */
  private static String date(String v) {
    if (v == null) return null;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d{4}(-\\d{2}(-\\d{2})?)?)").matcher(v);
    return m.find() ? m.group(1) : null;
  }

  /** html lang / og:locale → en, zh-Hans or zh-Hant; other languages are detected from the text. */
  private static String language(String tag) {
    if (tag == null) return null;
    String t = tag.toLowerCase(Locale.ROOT).replace('_', '-');
    if (t.startsWith("en")) return "en";
    if (t.startsWith("zh")) {
      if (t.contains("hant") || t.endsWith("-tw") || t.endsWith("-hk") || t.endsWith("-mo")) return "zh-Hant";
      return "zh-Hans";
    }
    return null;
  }
}
