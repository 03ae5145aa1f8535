package dev.chiptrail.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.ibm.icu.text.Transliterator;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Listing;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.ingest.Record;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a deterministic synthetic corpus in chiptrail's own data formats, for benchmarks at any
 * size: the shipped gazetteer plus generated buyers and intermediaries (real Chinese place names ×
 * institution types, in every name form), records and articles in English, simplified and traditional
 * Chinese and mixtures, Zipf-distributed over entities, providers, chips, models and outlets, dated
 * 2015–2026. Records and articles go into sharded JSONL files so a million documents are a few dozen
 * files, not a million. The same seed and size always give the same bytes.
 */
public final class CorpusGenerator {
  /** Lines per records/articles shard. */
  public static final int SHARD = 100_000;
  /** Share of the documents that are records; the rest are articles. */
  private static final double RECORD_SHARE = 0.4;
  private static final double ZIPF_S = 1.1;

  /** What was written. */
  public record Summary(Path out, long seed, int entities, int generatedEntities, int records, int articles,
      long textChars, long bytes, int files, long millis) {
    public int documents() {
      return records + articles;
    }
  }

  /** A place: English (also the pinyin, which ICU gets wrong for polyphonic place names like 重庆) and Chinese. */
  private record Place(String en, String zh) {}

  /** {@code zhWords}: the Chinese suffix with a space between words, so that the pinyin is spaced by word. */
  private record InstitutionType(String enPattern, String zhWords, String type, boolean acronym) {
    String zh() {
      return zhWords.replace(" ", "");
    }
  }

  private static final List<Place> PLACES = places(
      "Beijing", "北京", "Shanghai", "上海", "Tianjin", "天津", "Chongqing", "重庆", "Guangzhou", "广州",
      "Hangzhou", "杭州", "Nanjing", "南京", "Wuhan", "武汉", "Chengdu", "成都", "Xi'an", "西安",
      "Harbin", "哈尔滨", "Changsha", "长沙", "Jinan", "济南", "Qingdao", "青岛", "Dalian", "大连",
      "Xiamen", "厦门", "Fuzhou", "福州", "Hefei", "合肥", "Zhengzhou", "郑州", "Kunming", "昆明",
      "Guiyang", "贵阳", "Nanning", "南宁", "Lanzhou", "兰州", "Taiyuan", "太原", "Shijiazhuang", "石家庄",
      "Changchun", "长春", "Shenyang", "沈阳", "Nanchang", "南昌", "Wuxi", "无锡", "Ningbo", "宁波",
      "Wenzhou", "温州", "Dongguan", "东莞", "Foshan", "佛山", "Zhuhai", "珠海", "Yantai", "烟台",
      "Tangshan", "唐山", "Baotou", "包头", "Urumqi", "乌鲁木齐", "Lhasa", "拉萨", "Haikou", "海口",
      "Zhejiang", "浙江", "Jiangsu", "江苏", "Guangdong", "广东", "Hubei", "湖北", "Hunan", "湖南",
      "Shandong", "山东", "Henan", "河南", "Hebei", "河北", "Fujian", "福建", "Anhui", "安徽",
      "Jiangxi", "江西", "Yunnan", "云南", "Guizhou", "贵州", "Shaanxi", "陕西", "Shanxi", "山西",
      "Liaoning", "辽宁", "Jilin", "吉林", "Heilongjiang", "黑龙江", "Gansu", "甘肃", "Hainan", "海南");

  private static final List<InstitutionType> BUYER_TYPES = List.of(
      new InstitutionType("%s University", "大学", "university", true),
      new InstitutionType("%s University of Technology", "理工 大学", "university", true),
      new InstitutionType("%s Normal University", "师范 大学", "university", true),
      new InstitutionType("%s Medical University", "医科 大学", "university", true),
      new InstitutionType("%s University of Finance and Economics", "财经 大学", "university", true),
      new InstitutionType("%s Institute of Artificial Intelligence", "人工 智能 研究院", "research_institute", false),
      new InstitutionType("%s Academy of Sciences", "科学院", "research_institute", false),
      new InstitutionType("%s Institute of Information Technology", "信息 技术 研究所", "research_institute", false),
      new InstitutionType("%s Supercomputing Center", "超级 计算 中心", "state_backed_centre", false),
      new InstitutionType("%s Vocational and Technical College", "职业 技术 学院", "vocational_college", false),
      new InstitutionType("%s Power Grid Company", "电网 公司", "state_owned_enterprise", false),
      new InstitutionType("%s Big Data Group", "大 数据 集团", "state_owned_enterprise", false),
      new InstitutionType("%s Data Technology Company", "数据 科技 公司", "company", false));

  /** Brand words of the generated intermediaries: (English, Chinese). */
  private static final String[][] BRANDS = {
      {"Yunhai", "云海"}, {"Huaxin", "华信"}, {"Huitong", "汇通"}, {"Tiancheng", "天成"}, {"Zhisuan", "智算"},
      {"Xinghe", "星河"}, {"Dingsheng", "鼎盛"}, {"Boyuan", "博远"}, {"Haina", "海纳"}, {"Zhonglian", "众联"},
      {"Ruijie", "锐捷"}, {"Kunpeng", "鲲鹏"}, {"Lingyun", "凌云"}, {"Jinqiao", "金桥"}};

  private static final String[][] OUTLETS = {
      {"Cloud Policy Monitor", "en"}, {"华东科技观察", "zh-Hans"}, {"台北科技週報", "zh-Hant"}, {"Export Control Weekly", "en"},
      {"香港科技日報", "zh-Hant"}, {"中国采购参考", "zh-Hans"}, {"Compute Trade Review", "en"}, {"算力周刊", "zh-Hans"},
      {"Silicon Border Journal", "en"}, {"南方数据报", "zh-Hans"}, {"數位政策評論", "zh-Hant"}, {"Tender Watch Asia", "en"},
      {"Supply Chain Ledger", "en"}, {"西部科技时报", "zh-Hans"}, {"亞洲雲端週刊", "zh-Hant"}, {"The Chip Desk", "en"}};

  /** Words an acronym must not be, or every sentence using them would "mention" the entity. */
  private static final Set<String> ENGLISH_WORDS = Set.of("but", "can", "its", "has", "was", "the", "and", "for", "not",
      "use", "shut", "cut", "nut", "hut", "bus", "gun", "sun", "fun", "run", "us", "it", "is", "an", "at", "be", "by");

  private static final String[] STATUSES = {"purchased", "planned", "unknown", "not_completed"};
  private static final String[] ROLES = {"intermediary", "supplier", "tender_agent"};
  private static final String[][] LANGUAGES = {{"en", "40"}, {"zh-Hans", "30"}, {"zh-Hant", "20"}, {"mixed", "10"}};

  private final Path shippedGazetteer;
  private final Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
  private final Transliterator toPinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
  /** Transliteration is the generator's slowest step: templates are converted once, names once each. */
  private final Map<String, String> traditional = new java.util.HashMap<>();
  private final ObjectWriter line = Json.OUT.writer().without(SerializationFeature.INDENT_OUTPUT);

  /** @param shippedGazetteer the shipped {@code data/gazetteer} folder whose entities the corpus reuses */
  public CorpusGenerator(Path shippedGazetteer) {
    this.shippedGazetteer = shippedGazetteer;
  }

  /** Writes {@code docs} documents for {@code seed} into {@code out} (which must be empty or absent). */
  public Summary generate(int docs, long seed, Path out) throws IOException {
    if (docs < 2) throw new IllegalArgumentException("--docs must be at least 2, got " + docs);
    long start = System.nanoTime();
    if (Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) throw new IllegalArgumentException("the output folder " + out + " is not empty");
      }
    }
    Path gazDir = Files.createDirectories(out.resolve("gazetteer"));
    Path recDir = Files.createDirectories(out.resolve("records"));
    Path artDir = Files.createDirectories(out.resolve("articles"));
    SplittableRandom rnd = new SplittableRandom(seed);
    Counter c = new Counter();

    List<Entity> shipped = new ArrayList<>();
    List<Path> gazFiles;
    try (Stream<Path> s = Files.list(shippedGazetteer)) {
      gazFiles = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    if (gazFiles.isEmpty()) throw new IllegalArgumentException("no gazetteer files (*.jsonl) in " + shippedGazetteer);
    for (Path f : gazFiles) {
      for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (!l.isBlank()) shipped.add(Json.STRICT.readValue(l, Entity.class));
      }
      Files.copy(f, gazDir.resolve(f.getFileName()));
      c.add(gazDir.resolve(f.getFileName()));
    }
    Set<String> taken = new LinkedHashSet<>();
    for (Entity e : shipped) {
      taken.add(e.id());
      e.nameForms().forEach(f -> taken.add(f.text().toLowerCase(Locale.ROOT)));
    }
    List<Entity> byType = shipped;
    List<Entity> buyers = new ArrayList<>(filter(byType, Set.of("university", "research_institute", "state_owned_enterprise",
        "vocational_college", "state_backed_centre", "company")));
    List<Entity> intermediaries = new ArrayList<>(filter(byType, Set.of("intermediary")));
    List<Entity> providers = filter(byType, Set.of("cloud_provider"));
    List<Entity> chips = filter(byType, Set.of("chip"));
    List<Entity> models = filter(byType, Set.of("model"));
    List<Entity> lists = filter(byType, Set.of("restriction_list"));
    if (providers.isEmpty() || chips.isEmpty() || models.isEmpty() || lists.isEmpty() || buyers.isEmpty()) {
      throw new IllegalArgumentException(shippedGazetteer + " needs buyers, cloud providers, chips, models and restriction lists");
    }

    // The number of generated entities grows with the corpus so that facets have a long tail at
    // every size, up to every place × type combination.
    int wantBuyers = Math.min(PLACES.size() * BUYER_TYPES.size(), Math.max(20, docs / 200));
    int wantIntermediaries = Math.min(PLACES.size() * BRANDS.length, Math.max(10, docs / 1000));
    List<Entity> genBuyers = generateBuyers(wantBuyers, rnd, taken, lists);
    List<Entity> genIntermediaries = generateIntermediaries(wantIntermediaries, rnd, taken);
    writeLines(gazDir.resolve("generated-buyers.jsonl"), genBuyers, c);
    writeLines(gazDir.resolve("generated-intermediaries.jsonl"), genIntermediaries, c);
    buyers.addAll(genBuyers);
    intermediaries.addAll(genIntermediaries);

    Zipf buyerZ = new Zipf(buyers.size());
    Zipf interZ = new Zipf(intermediaries.size());
    Zipf providerZ = new Zipf(providers.size());
    Zipf chipZ = new Zipf(chips.size());
    Zipf modelZ = new Zipf(models.size());
    Zipf outletZ = new Zipf(OUTLETS.length);

    int records = Math.max(1, (int) Math.round(docs * RECORD_SHARE));
    int articles = docs - records;
    Vocab v = new Vocab(providers, chips, models, buyers, intermediaries, providerZ, chipZ, modelZ, buyerZ, interZ);
    loadWords(shippedGazetteer.toAbsolutePath().getParent().resolve("articles"), rnd);

    BufferedWriter w = null;
    for (int i = 0; i < articles; i++) {
      if (i % SHARD == 0) {
        if (w != null) w.close();
        Path f = artDir.resolve(String.format(Locale.ROOT, "articles-%04d.jsonl", i / SHARD));
        c.add(f);
        w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
      }
      Map<String, Object> a = article(rnd, v, outletZ, c);
      w.write(line.writeValueAsString(a));
      w.write('\n');
    }
    if (w != null) w.close();
    w = null;
    for (int i = 0; i < records; i++) {
      if (i % SHARD == 0) {
        if (w != null) w.close();
        Path f = recDir.resolve(String.format(Locale.ROOT, "records-%04d.jsonl", i / SHARD));
        c.add(f);
        w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
      }
      Record r = record(i, rnd, v, articles, c);
      w.write(line.writeValueAsString(r));
      w.write('\n');
    }
    if (w != null) w.close();
    long bytes = 0;
    for (Path f : c.files) bytes += Files.size(f);
    return new Summary(out, seed, shipped.size() + genBuyers.size() + genIntermediaries.size(),
        genBuyers.size() + genIntermediaries.size(), records, articles, c.chars, bytes, c.files.size(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The id an article gets from its shard file and line (see ArticleReader). */
  public static String articleId(int index) {
    return String.format(Locale.ROOT, "articles-%04d-%d", index / SHARD, index % SHARD + 1);
  }

  private static final class Counter {
    final List<Path> files = new ArrayList<>();
    long chars;

    void add(Path p) {
      files.add(p);
    }
  }

  private static List<Entity> filter(List<Entity> es, Set<String> types) {
    return es.stream().filter(e -> types.contains(e.type())).toList();
  }

  private void writeLines(Path f, List<?> values, Counter c) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      for (Object o : values) {
        w.write(line.writeValueAsString(o));
        w.write('\n');
      }
    }
    c.add(f);
  }

  private String pinyin(String han) {
    return toPinyin.transliterate(han).replace(" ", "").replace("'", "").toLowerCase(Locale.ROOT);
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  private static String placePinyin(Place p) {
    return p.en.toLowerCase(Locale.ROOT).replace("'", "");
  }

  private List<Entity> generateBuyers(int n, SplittableRandom rnd, Set<String> taken, List<Entity> lists) {
    List<Entity> out = new ArrayList<>();
    // Walk type-major so the first buyers (the most frequent under Zipf) are universities of many places.
    for (int t = 0; t < BUYER_TYPES.size() && out.size() < n; t++) {
      for (int p = 0; p < PLACES.size() && out.size() < n; p++) {
        InstitutionType type = BUYER_TYPES.get((t + p) % BUYER_TYPES.size());
        Place place = PLACES.get(p);
        String en = String.format(type.enPattern, place.en);
        String id = slug(en);
        if (taken.contains(id) || taken.contains(en.toLowerCase(Locale.ROOT))) continue;
        String zhHans = place.zh + type.zh();
        String zhHant = toTraditional.transliterate(zhHans);
        if (taken.contains(zhHans) || taken.contains(zhHant)) continue;
        taken.add(id);
        taken.add(en.toLowerCase(Locale.ROOT));
        taken.add(zhHans);
        taken.add(zhHant);
        List<String> acronyms = new ArrayList<>();
        if (type.acronym) {
          // Place by its syllables, then the type's words, as real ones are formed (BJUT, SHNU): plain
          // word initials give BUT or CAN, which the mention finder would then see in every "but".
          StringBuilder a = new StringBuilder();
          for (String syllable : toPinyin.transliterate(place.zh).split(" ")) {
            if (!syllable.isEmpty()) a.append(Character.toUpperCase(syllable.charAt(0)));
          }
          for (String word : en.substring(place.en.length()).strip().split(" ")) {
            if (!Set.of("of", "and").contains(word)) a.append(Character.toUpperCase(word.charAt(0)));
          }
          String acr = a.toString();
          if (!taken.contains(acr.toLowerCase(Locale.ROOT)) && !ENGLISH_WORDS.contains(acr.toLowerCase(Locale.ROOT))) {
            acronyms.add(acr);
            taken.add(acr.toLowerCase(Locale.ROOT));
          }
        }
        List<String> aliases = new ArrayList<>();
        if (type.enPattern.equals("%s University")) aliases.add("University of " + place.en);
        List<String> zhAliases = new ArrayList<>();
        if (place.zh.length() >= 2 && type.zh().equals("大学")) {
          // 北京大学 → 北大: the usual short form of a university name, in both scripts.
          String shortName = place.zh.substring(0, 1) + "大";
          if (!taken.contains(shortName)) {
            zhAliases.add(shortName);
            String trad = toTraditional.transliterate(shortName);
            if (!trad.equals(shortName)) zhAliases.add(trad);
            taken.add(shortName);
          }
        }
        aliases.removeIf(a -> a.equals(en) || taken.contains(a.toLowerCase(Locale.ROOT)));
        aliases.forEach(a -> taken.add(a.toLowerCase(Locale.ROOT)));
        StringBuilder py = new StringBuilder(placePinyin(place));
        for (String word : type.zhWords().split(" ")) py.append(' ').append(pinyin(word));
        String pinyin = py.toString();
        List<Listing> memberships = new ArrayList<>();
        if (rnd.nextInt(10) == 0) {
          Entity list = lists.get(rnd.nextInt(lists.size()));
          memberships.add(new Listing(list.id(), String.format(Locale.ROOT, "%d-%02d", 2015 + rnd.nextInt(11), 1 + rnd.nextInt(12)), "entity"));
        }
        out.add(new Entity(id, type.type, en, aliases, acronyms, List.of(), zhHans,
            zhHant.equals(zhHans) ? zhHans : zhHant, zhAliases, pinyin, null, memberships,
            "Generated benchmark entity: a " + type.type.replace('_', ' ') + " in " + place.en + ".", List.of()));
      }
    }
    return out;
  }

  private List<Entity> generateIntermediaries(int n, SplittableRandom rnd, Set<String> taken) {
    List<Entity> out = new ArrayList<>();
    for (int b = 0; b < BRANDS.length && out.size() < n; b++) {
      for (int p = 0; p < PLACES.size() && out.size() < n; p++) {
        // Every brand visits every place once, each brand starting at another place.
        Place place = PLACES.get((p + b * 7) % PLACES.size());
        String[] brand = BRANDS[b];
        String en = place.en + " " + brand[0] + " Technology";
        String id = slug(en);
        String zhHans = place.zh + brand[1] + "科技";
        if (taken.contains(id) || taken.contains(zhHans)) continue;
        String zhHant = toTraditional.transliterate(zhHans);
        taken.add(id);
        taken.add(en.toLowerCase(Locale.ROOT));
        taken.add(zhHans);
        List<String> aliases = List.of(en + " Co Ltd", en + " Ltd Co");
        List<String> zhAliases = List.of(zhHans + "有限公司", toTraditional.transliterate(zhHans + "有限公司"));
        String pinyin = placePinyin(place) + " " + pinyin(brand[1]) + " " + pinyin("科技");
        out.add(new Entity(id, "intermediary", en, aliases, List.of(), List.of(), zhHans, zhHant, zhAliases, pinyin,
            null, List.of(), "Generated benchmark entity: a technology company in " + place.en + " that resells cloud services.",
            List.of()));
      }
    }
    return out;
  }

  /** Everything the text generators pick from. */
  private record Vocab(List<Entity> providers, List<Entity> chips, List<Entity> models, List<Entity> buyers,
      List<Entity> intermediaries, Zipf providerZ, Zipf chipZ, Zipf modelZ, Zipf buyerZ, Zipf interZ) {}

  private Record record(int i, SplittableRandom rnd, Vocab v, int articles, Counter c) {
    Entity buyer = v.buyers.get(v.buyerZ.next(rnd));
    Set<String> providers = new LinkedHashSet<>();
    int np = rnd.nextInt(10) < 2 ? 0 : 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
    for (int k = 0; k < np; k++) providers.add(v.providers.get(v.providerZ.next(rnd)).id());
    Set<String> chips = new LinkedHashSet<>();
    int nc = rnd.nextInt(3);
    for (int k = 0; k < nc; k++) chips.add(v.chips.get(v.chipZ.next(rnd)).id());
    Set<String> models = new LinkedHashSet<>();
    if (rnd.nextInt(4) == 0) models.add(v.models.get(v.modelZ.next(rnd)).id());
    Entity inter = rnd.nextInt(10) < 4 ? v.intermediaries.get(v.interZ.next(rnd)) : null;
    String role = inter == null ? null : ROLES[rnd.nextInt(ROLES.length)];
    String date = date(rnd, true);
    Record.Amount amount = null;
    if (rnd.nextInt(10) < 8) {
      long cny = Math.round(Math.exp(Math.log(10_000) + rnd.nextDouble() * (Math.log(50_000_000) - Math.log(10_000))));
      boolean approx = rnd.nextInt(5) == 0;
      if (approx) cny = Math.round(cny / 10_000.0) * 10_000;
      amount = new Record.Amount(cny, Math.round(cny / 7.1429), approx,
          (approx ? "about " : "") + String.format(Locale.ROOT, "%,d", cny) + " yuan");
    }
    String status = STATUSES[Math.min(STATUSES.length - 1, (int) (-Math.log(1 - rnd.nextDouble()) * 0.9))];
    String chipEn = chips.isEmpty() ? "GPU servers" : names(v.chips, chips, Entity::en);
    String chipZh = chips.isEmpty() ? "GPU服务器" : names(v.chips, chips, e -> e.zhAliases().isEmpty() ? e.en() : e.zhAliases().get(0));
    String provEn = providers.isEmpty() ? "an unnamed cloud provider" : names(v.providers, providers, Entity::en);
    String provZh = providers.isEmpty() ? "未具名云服务商" : names(v.providers, providers, e -> e.labelZh() == null ? e.en() : e.labelZh());
    String buyerZh = buyer.labelZh() == null ? buyer.en() : buyer.labelZh();
    String when = date == null ? "an undated tender" : "a tender dated " + date;
    String titleEn = buyer.en() + " seeks " + chipEn + " through " + provEn;
    String titleZh = buyerZh + "拟通过" + provZh + "采购" + chipZh + "算力";
    String soughtEn = "Remote access to " + chipEn + " on " + provEn + (models.isEmpty() ? "" : " and the " + names(v.models, models, Entity::en) + " service");
    String soughtZh = "通过" + provZh + "远程使用" + chipZh + (models.isEmpty() ? "" : "及" + names(v.models, models, Entity::en) + "服务");
    int servers = 1 + rnd.nextInt(500);
    String quantityEn = rnd.nextBoolean() ? servers + " cloud servers" : null;
    String quantityZh = quantityEn == null ? null : servers + "台云服务器";
    String summaryEn = "In " + when + ", " + buyer.en() + " asked for r" + soughtEn.substring(1) + "."
        + (amount == null ? " No amount was given." : " The budget was " + amount.stated() + ".")
        + (inter == null ? " No intermediary is named." : " " + inter.en() + " is named as " + role.replace('_', ' ') + ".");
    String summaryZh = buyerZh + (date == null ? "在一份未注明日期的招标文件中" : "在" + date + "的招标文件中") + "提出" + soughtZh + "。"
        + (amount == null ? "未披露金额。" : "预算为" + amount.cny() + "元。")
        + (inter == null ? "未提及中间商。" : (inter.labelZh() == null ? inter.en() : inter.labelZh()) + "为" + (role.equals("supplier") ? "供应商" : role.equals("tender_agent") ? "招标代理" : "中间商") + "。");
    List<String> sources = new ArrayList<>();
    if (articles > 0) {
      sources.add(articleId(rnd.nextInt(articles)));
      if (rnd.nextInt(3) == 0) {
        String s = articleId(rnd.nextInt(articles));
        if (!sources.contains(s)) sources.add(s);
      }
    }
    c.chars += titleEn.length() + titleZh.length() + soughtEn.length() + soughtZh.length() + summaryEn.length() + summaryZh.length()
        + (quantityEn == null ? 0 : quantityEn.length() + quantityZh.length());
    String id = "rec-" + buyer.id() + "-" + (date == null ? "undated" : date.substring(0, Math.min(7, date.length()))) + "-" + (i + 1);
    return new Record(id, buyer.id(), titleEn, titleZh, List.copyOf(providers), List.copyOf(chips), List.copyOf(models),
        inter == null ? null : inter.id(), role, soughtEn, soughtZh, quantityEn, quantityZh, amount, date, status,
        buyer.lists(), summaryEn, summaryZh, sources);
  }

  private static String names(List<Entity> pool, Set<String> ids, java.util.function.Function<Entity, String> f) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      for (Entity e : pool) if (e.id().equals(id)) out.add(f.apply(e));
    }
    return String.join(out.size() > 1 ? " / " : "", out);
  }

  /** A date in 2015–2026, later years more frequent; precision day, month, year; optionally null. */
  private static String date(SplittableRandom rnd, boolean mayBeNull) {
    if (mayBeNull && rnd.nextInt(20) == 0) return null;
    int year = 2026 - Math.min(11, (int) (-Math.log(1 - rnd.nextDouble()) * 3.5));
    int month = 1 + rnd.nextInt(12);
    int p = rnd.nextInt(10);
    if (p == 0) return Integer.toString(year);
    if (p < 4) return String.format(Locale.ROOT, "%d-%02d", year, month);
    return String.format(Locale.ROOT, "%d-%02d-%02d", year, month, 1 + rnd.nextInt(28));
  }

  private String trad(String s) {
    return traditional.computeIfAbsent(s, toTraditional::transliterate);
  }

  /** A name form of the entity as a writer in {@code lang} would use it. */
  private String nameIn(Entity e, String lang, SplittableRandom rnd) {
    String n = nameIn0(e, lang, rnd);
    return lang.equals("zh-Hant") ? trad(n) : n;
  }

  private String nameIn0(Entity e, String lang, SplittableRandom rnd) {
    if (lang.startsWith("zh")) {
      List<String> zh = new ArrayList<>();
      if (lang.equals("zh-Hant")) {
        if (e.zhHant() != null) zh.add(e.zhHant());
      } else if (e.zhHans() != null) {
        zh.add(e.zhHans());
      }
      zh.addAll(e.zhAliases());
      if (zh.isEmpty()) return e.acronyms().isEmpty() ? e.en() : e.acronyms().get(0);
      return zh.get(rnd.nextInt(zh.size()));
    }
    List<String> latin = new ArrayList<>();
    latin.add(e.en());
    latin.add(e.en());
    latin.addAll(e.aliases());
    latin.addAll(e.acronyms());
    latin.addAll(e.oldRomanizations());
    if (e.pinyin() != null && rnd.nextInt(8) == 0) return e.pinyin();
    return latin.get(rnd.nextInt(latin.size()));
  }

  private static final String[] EN_SENTENCES = {
      "%B published a tender for remote access to %C servers hosted by %P.",
      "The documents show that %B planned to pay %A for the service, with %I acting as go-between.",
      "Export rules bar the direct sale of %C chips to China, but renting them through %P is not covered.",
      "A spokesperson for %P said the company complies with all applicable export laws.",
      "According to the filing, %B wanted the capacity to train a large language model on %M.",
      "Researchers at %B have published papers that acknowledge compute time on %C clusters.",
      "%I, a supplier based in China, won the contract and will resell %P accounts.",
      "Lawmakers in Washington have proposed closing the cloud loophole that lets %B reach %C capacity.",
      "The tender was dated %D and asked bidders to quote for at least twelve months of service.",
      "Analysts said the demand for %C compute among universities such as %B has grown since the rules changed.",
  };
  private static final String[] ZH_SENTENCES = {
      "%B发布招标公告，拟通过%P远程租用%C服务器。",
      "文件显示，%B计划为该服务支付%A，并由%I作为中间商。",
      "美国出口管制禁止向中国直接出售%C芯片，但通过%P租用算力不在管制范围内。",
      "%P发言人表示，公司遵守所有适用的出口法律。",
      "根据招标文件，%B希望获得算力以在%M上训练大模型。",
      "%B的研究人员在论文中致谢了%C集群提供的计算时间。",
      "中国供应商%I中标，将转售%P账户。",
      "美国国会议员提议堵住云服务漏洞，以阻止%B获取%C算力。",
      "该招标文件日期为%D，要求投标方报价至少十二个月的服务。",
      "分析人士指出，自规则变化以来，%B等高校对%C算力的需求持续增长。",
  };

  private Map<String, Object> article(SplittableRandom rnd, Vocab v, Zipf outletZ, Counter c) {
    String[] outlet = OUTLETS[outletZ.next(rnd)];
    String lang = pickLanguage(rnd, outlet[1]);
    int target = (int) Math.round(Math.exp(Math.log(300) + rnd.nextDouble() * (Math.log(3000) - Math.log(300))));
    Entity buyer = v.buyers.get(v.buyerZ.next(rnd));
    Entity provider = v.providers.get(v.providerZ.next(rnd));
    Entity chip = v.chips.get(v.chipZ.next(rnd));
    Entity model = v.models.get(v.modelZ.next(rnd));
    Entity inter = v.intermediaries.get(v.interZ.next(rnd));
    String date = date(rnd, true);
    StringBuilder body = new StringBuilder();
    int paragraph = 0;
    while (body.length() < target) {
      String sentenceLang = lang.equals("mixed") ? (rnd.nextBoolean() ? "en" : "zh-Hans") : lang;
      boolean zh = sentenceLang.startsWith("zh");
      String[] pool = zh ? ZH_SENTENCES : EN_SENTENCES;
      int which = rnd.nextInt(pool.length);
      String s = interleave(pool[which], zh, rnd);
      if (sentenceLang.equals("zh-Hant")) s = trad(s);
      // Now and then the story turns to another buyer or provider, as roundups do.
      if (rnd.nextInt(6) == 0) buyer = v.buyers.get(v.buyerZ.next(rnd));
      if (rnd.nextInt(8) == 0) provider = v.providers.get(v.providerZ.next(rnd));
      long cny = 10_000L * (1 + rnd.nextInt(5000));
      String nameLang = sentenceLang.equals("zh-Hans") ? "zh-Hans" : sentenceLang;
      s = s.replace("%B", nameIn(buyer, nameLang, rnd)).replace("%P", nameIn(provider, nameLang, rnd))
          .replace("%C", nameIn(chip, nameLang, rnd)).replace("%M", nameIn(model, nameLang, rnd))
          .replace("%I", nameIn(inter, nameLang, rnd))
          .replace("%A", zh ? cny + "元" : String.format(Locale.ROOT, "%,d yuan", cny))
          .replace("%D", date == null ? (zh ? "不详" : "not given") : date);
      body.append(s);
      // A clause of words drawn from the shipped articles' vocabulary after each template sentence:
      // without it every article is the same few sentences once names and digits are set aside, and
      // the story grouping (shingles of letters, names blanked) joins them all into one "story".
      body.append(zh ? "" : " ").append(filler(rnd, zh, sentenceLang.equals("zh-Hant")));
      if (!zh) body.append(' ');
      if (rnd.nextInt(4) == 0 && ++paragraph > 0) body.append("\n\n");
    }
    String bodyText = body.toString().strip();
    if (bodyText.length() > 3000) {
      // The last sentence overshot: end at the last full stop within 3,000 characters.
      int cut = Math.max(bodyText.lastIndexOf(". ", 2999) + 1, bodyText.lastIndexOf('。', 2999) + 1);
      bodyText = (cut > 300 ? bodyText.substring(0, cut) : bodyText.substring(0, 3000)).strip();
    }
    String title = switch (lang) {
      case "en" -> nameIn(buyer, "en", rnd) + " turns to " + nameIn(provider, "en", rnd) + " for " + nameIn(chip, "en", rnd) + " compute";
      case "zh-Hant" -> toTraditional.transliterate(nameIn(buyer, "zh-Hans", rnd) + "经" + nameIn(provider, "zh-Hans", rnd) + "租用" + nameIn(chip, "zh-Hans", rnd) + "算力");
      default -> nameIn(buyer, "zh-Hans", rnd) + "经" + nameIn(provider, "zh-Hans", rnd) + "租用" + nameIn(chip, "en", rnd) + "算力";
    };
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("title", title);
    a.put("outlet", outlet[0]);
    if (date != null) a.put("date", date);
    a.put("language", lang);
    a.put("url", "https://news.example.org/" + slug(outlet[0].chars().allMatch(ch -> ch < 128) ? outlet[0] : "zh") + "/" + Long.toHexString(rnd.nextLong() & 0xffffffffffL));
    a.put("body", bodyText);
    c.chars += title.length() + bodyText.length();
    return a;
  }

  private List<String> enWords = List.of();
  private List<String> zhWords = List.of();
  private Zipf enZ;
  private Zipf zhZ;

  /** English words and two-character Han chunks of the shipped articles, sorted, for the fillers. */
  private void loadWords(Path articlesDir, SplittableRandom rnd) throws IOException {
    java.util.TreeSet<String> en = new java.util.TreeSet<>();
    java.util.TreeSet<String> zh = new java.util.TreeSet<>();
    if (Files.isDirectory(articlesDir)) {
      List<Path> files;
      try (Stream<Path> st = Files.walk(articlesDir)) {
        files = st.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z]{3,}").matcher(text);
        while (m.find()) en.add(m.group().toLowerCase(Locale.ROOT));
        java.util.regex.Matcher h = java.util.regex.Pattern.compile("\\p{IsHan}+").matcher(text);
        while (h.find()) {
          String run = toSimplified(h.group());
          for (int i = 0; i + 2 <= run.length(); i += 2) zh.add(run.substring(i, i + 2));
        }
      }
    }
    if (en.size() < 50) en.addAll(List.of("cloud", "compute", "tender", "server", "contract", "budget", "export", "rules",
        "access", "model", "training", "capacity", "supplier", "university", "report", "filing", "service", "month"));
    if (zh.size() < 50) zh.addAll(List.of("云端", "算力", "招标", "服务", "合同", "预算", "出口", "管制", "模型", "训练", "供应", "报道"));
    // Ranks from the seed, not the alphabet; a flatter exponent than for entities, as for prose.
    enWords = shuffled(new ArrayList<>(en), rnd);
    zhWords = shuffled(new ArrayList<>(zh), rnd);
    enZ = new Zipf(enWords.size(), 0.7);
    zhZ = new Zipf(zhWords.size(), 0.7);
  }

  private static List<String> shuffled(List<String> list, SplittableRandom rnd) {
    for (int i = list.size() - 1; i > 0; i--) java.util.Collections.swap(list, i, rnd.nextInt(i + 1));
    return List.copyOf(list);
  }

  private final Transliterator toSimplifiedT = Transliterator.getInstance("Traditional-Simplified");

  private String toSimplified(String s) {
    return toSimplifiedT.transliterate(s);
  }

  /**
   * A template sentence with a vocabulary word put in every few words (every few characters in
   * Chinese), placeholders left whole. Story grouping compares 20-letter shingles with names and
   * digits removed; unbroken templates would give every pair of articles the same shingles and make
   * one story of a small corpus.
   */
  private String interleave(String template, boolean zh, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    if (zh) {
      int next = 2 + rnd.nextInt(3);
      for (int i = 0; i < template.length(); i++) {
        char ch = template.charAt(i);
        sb.append(ch);
        if (ch == '%' && i + 1 < template.length()) {
          sb.append(template.charAt(++i));
          continue;
        }
        if (--next <= 0 && i + 1 < template.length() && template.charAt(i + 1) != '%') {
          sb.append(zhWords.get(zhZ.next(rnd)));
          next = 2 + rnd.nextInt(3);
        }
      }
      return sb.toString();
    }
    String[] words = template.split(" ");
    int next = 1 + rnd.nextInt(2);
    for (int i = 0; i < words.length; i++) {
      if (i > 0) sb.append(' ');
      sb.append(words[i]);
      if (--next <= 0 && i + 1 < words.length) {
        sb.append(' ').append(enWords.get(enZ.next(rnd)));
        next = 1 + rnd.nextInt(2);
      }
    }
    return sb.toString();
  }

  private String filler(SplittableRandom rnd, boolean zh, boolean traditional) {
    StringBuilder sb = new StringBuilder();
    int n = 4 + rnd.nextInt(9);
    for (int i = 0; i < n; i++) {
      if (zh) {
        String w = zhWords.get(zhZ.next(rnd));
        sb.append(traditional ? trad(w) : w);
      } else {
        if (i > 0) sb.append(' ');
        sb.append(enWords.get(enZ.next(rnd)));
      }
    }
    sb.append(zh ? "。" : ". ");
    if (!zh) sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    return sb.toString();
  }

  private static String pickLanguage(SplittableRandom rnd, String outletLanguage) {
    // Most outlets write in their own language; a few articles are in another one or mixed.
    if (rnd.nextInt(10) < 7) return outletLanguage;
    int r = rnd.nextInt(100);
    int acc = 0;
    for (String[] l : LANGUAGES) {
      acc += Integer.parseInt(l[1]);
      if (r < acc) return l[0];
    }
    return "en";
  }

  private static List<Place> places(String... pairs) {
    List<Place> out = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) out.add(new Place(pairs[i], pairs[i + 1]));
    return List.copyOf(out);
  }

  /** Zipf over ranks 0..n-1: rank k has weight 1/(k+1)^s, so a few values are huge and most small. */
  static final class Zipf {
    private final double[] cumulative;

    Zipf(int n) {
      this(n, ZIPF_S);
    }

    Zipf(int n, double exponent) {
      cumulative = new double[n];
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += 1.0 / Math.pow(k + 1, exponent);
        cumulative[k] = sum;
      }
      for (int k = 0; k < n; k++) cumulative[k] /= sum;
    }

    int next(SplittableRandom rnd) {
      double u = rnd.nextDouble();
      int i = java.util.Arrays.binarySearch(cumulative, u);
      if (i < 0) i = -i - 1;
      return Math.min(i, cumulative.length - 1);
    }
  }
}
