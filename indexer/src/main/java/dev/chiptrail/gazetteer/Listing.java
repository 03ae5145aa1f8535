package dev.chiptrail.gazetteer;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Membership of a restriction list (US Entity List, Unverified List), from a month or day on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Listing(String list, String since, String scope) {}
