package dev.chiptrail.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The closed vocabularies of the data model, with English and Chinese labels for the facets. */
public final class Vocabulary {
  private Vocabulary() {}

  public record Label(String en, String zh) {}

  public static final Map<String, Label> ENTITY_TYPES = map(
      "university", "University", "大学",
      "research_institute", "Research institute", "研究机构",
      "state_owned_enterprise", "State-owned enterprise", "国有企业",
      "vocational_college", "Vocational college", "职业院校",
      "state_backed_centre", "State-backed centre", "国家级中心",
      "company", "Company", "公司",
      "intermediary", "Intermediary or supplier", "中间商/供应商",
      "cloud_provider", "Cloud provider", "云服务商",
      "chip", "Chip", "芯片",
      "chip_vendor", "Chip vendor", "芯片厂商",
      "model", "AI model or service", "AI模型/服务",
      "model_vendor", "AI model vendor", "AI模型厂商",
      "restriction_list", "Restriction list", "管制清单",
      "government_agency", "Government agency", "政府机构");

  /** Entity types of buyers: the values of the entity_type dimension. */
  public static final Set<String> BUYER_TYPES = Set.of(
      "university", "research_institute", "state_owned_enterprise", "vocational_college",
      "state_backed_centre", "company");

  public static final Map<String, Label> STATUSES = map(
      "purchased", "Purchased", "已采购",
      "planned", "Planned", "计划采购",
      "not_completed", "Not completed", "未完成",
      "unknown", "Unknown", "未知");

  public static final Map<String, Label> INTERMEDIARY_ROLES = map(
      "intermediary", "Intermediary", "中间商",
      "supplier", "Supplier", "供应商",
      "tender_agent", "Tender agent", "招标代理");

  public static final Map<String, Label> LANGUAGES = map(
      "en", "English", "英文",
      "zh-Hans", "Simplified Chinese", "简体中文",
      "zh-Hant", "Traditional Chinese", "繁体中文",
      "mixed", "Mixed", "混合");

  public static final Map<String, Label> KINDS = map(
      "record", "Procurement record", "采购记录",
      "article", "Article", "文章");

  private static Map<String, Label> map(String... kv) {
    Map<String, Label> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 3) m.put(kv[i], new Label(kv[i + 1], kv[i + 2]));
    return java.util.Collections.unmodifiableMap(m);
  }
}
