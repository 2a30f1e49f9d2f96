package dev.paperdigest.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a keyword query into lexemes for {@link KeywordParser}: words, quoted phrases, fields,
 * parentheses, OR and NOT. Forgiving where a web search box is ("+word", a lone "-", AND, smart
 * quotes), strict only where the meaning would be lost (an unclosed quote, an unknown field).
 */
final class KeywordLexer {

    enum Type {
        WORD,
        PHRASE,
        FIELD,
        OPEN,
        CLOSE,
        OR,
        NOT
    }

    record Lexeme(Type type, String text) {}

    private KeywordLexer() {}

    static List<Lexeme> lex(String text) throws InvalidQueryException {
        List<Lexeme> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '“' || c == '”') {
                int end = indexOfQuote(text, i + 1);
                if (end < 0) {
                    throw new InvalidQueryException("has a quote that is never closed");
                }
                out.add(new Lexeme(Type.PHRASE, text.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '(') {
                out.add(new Lexeme(Type.OPEN, "("));
                i++;
            } else if (c == ')') {
                out.add(new Lexeme(Type.CLOSE, ")"));
                i++;
            } else if ((c == '-' || c == '+') && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))) {
                i++; // a lone dash or plus between words means nothing
            } else if (c == '-') {
                out.add(new Lexeme(Type.NOT, "-"));
                i++;
            } else if (c == '+') {
                i++; // "+word": required, as every word already is
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "\"“”()".indexOf(text.charAt(i)) < 0) {
                    i++;
                    if (text.charAt(i - 1) == ':' && isFieldName(text.substring(start, i - 1))) {
                        break;
                    }
                }
                String word = text.substring(start, i);
                if (word.endsWith(":") && isFieldName(word.substring(0, word.length() - 1))) {
                    String field = word.substring(0, word.length() - 1).toLowerCase(Locale.ROOT);
                    if (!field.equals(PaperAnalysis.TITLE) && !field.equals(PaperAnalysis.ABSTRACT)) {
                        throw new InvalidQueryException("uses \"" + word
                                + "\", but only title: and abstract: can restrict where a word is looked for");
                    }
                    out.add(new Lexeme(Type.FIELD, field));
                } else if (word.equalsIgnoreCase("OR") || word.equals("|") || word.equals("||")) {
                    out.add(new Lexeme(Type.OR, word));
                } else if (word.equals("NOT")) {
                    out.add(new Lexeme(Type.NOT, word));
                } else if (!word.equalsIgnoreCase("AND") && !word.equals("&&")) {
                    out.add(new Lexeme(Type.WORD, word));
                }
            }
        }
        return out;
    }

    private static int indexOfQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '“' || c == '”') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isFieldName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
