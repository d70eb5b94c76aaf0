package io.territoryscorecard.input;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What every module does with a value a user typed or a file held: check it against the allowed ones, show it back. */
public final class UserInput {

    private UserInput() {
    }

    /**
     * Bad input as a message shows it back: whole when it has at most {@code max} characters, else cut so that it
     * still has {@code max}, the last three being "...". Null shows as nothing.
     */
    public static String shortened(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /**
     * The constant of {@code type} that {@code text} names, in any case; else an {@link IllegalArgumentException} that
     * names the parameter and the allowed values: "role: one of ADMIN, SALES_OPS, not 'x'".
     */
    public static <E extends Enum<E>> E oneOf(String parameter, String text, Class<E> type) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return Enum.valueOf(type, oneOf(parameter, text, allowed));
    }

    /** The allowed value that {@code text} names, in upper case; else as {@link #oneOf(String, String, Class)}. */
    public static String oneOf(String parameter, String text, List<String> allowed) {
        String value = text == null ? null : text.toUpperCase(Locale.ROOT);
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(parameter + ": one of " + String.join(", ", allowed) + ", not '"
                    + shortened(text, 23) + "'");
        }
        return value;
    }
}
