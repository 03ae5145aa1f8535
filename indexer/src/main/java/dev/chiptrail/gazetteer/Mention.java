package dev.chiptrail.gazetteer;

/** An entity named in a text: the form used, the text as written and its character offsets. */
public record Mention(String entity, String form, String text, int start, int end) {}
