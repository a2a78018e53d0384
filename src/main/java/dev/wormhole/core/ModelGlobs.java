package dev.wormhole.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The models a key may use, as globs ({@code *} any run of characters, {@code ?} one character, everything else
 * literal) matched against the whole model name the client sent, before any alias is expanded.
 */
public final class ModelGlobs {

    /** Every model. */
    public static final ModelGlobs ANY = new ModelGlobs(List.of("*"));

    /** The characters a glob may hold: those of model names, provider prefixes and aliases, and the wildcards. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:/@+=*?-]{1,200}");

    private final List<String> globs;
    private final Pattern pattern;

    private ModelGlobs(List<String> globs) {
        this.globs = List.copyOf(globs);
        StringBuilder regex = new StringBuilder();
        for (String glob : this.globs) {
            regex.append(regex.isEmpty() ? "" : "|").append(toRegex(glob));
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    /** The globs; each must be {@link #valid}. */
    public static ModelGlobs of(List<String> globs) {
        for (String glob : globs) {
            if (!valid(glob)) {
                throw new IllegalArgumentException("invalid model glob");
            }
        }
        return globs.contains("*") ? ANY : new ModelGlobs(globs);
    }

    /** Whether {@code glob} is a usable glob: 1 to 200 characters of model names, '*' and '?'. */
    public static boolean valid(String glob) {
        return glob != null && VALID.matcher(glob).matches();
    }

    /** Whether the key may use {@code model}. */
    public boolean allows(String model) {
        return this == ANY || model != null && pattern.matcher(model).matches();
    }

    /** The globs as given. */
    public List<String> globs() {
        return globs;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder("(?:");
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.append(')').toString();
    }

    @Override
    public String toString() {
        return globs.toString();
    }
}
