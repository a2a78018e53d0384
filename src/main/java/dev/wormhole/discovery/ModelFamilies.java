package dev.wormhole.discovery;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The family of a model id: the id without the version marks vendors append to a family's name. Dated snapshots
 * ({@code gpt-5-mini-2025-08-07}, {@code claude-sonnet-4-5-20250929}), Vertex-style versions
 * ({@code claude-opus-4-1@20250805}), {@code -latest}, Gemini's revisions and previews ({@code gemini-embedding-001},
 * {@code gemini-2.5-flash-preview-05-20}) all name the family they extend. Pure functions.
 */
final class ModelFamilies {

    /** Version marks, tried at the end of the id again and again until none is left. */
    private static final List<Pattern> VERSION_SUFFIXES = List.of(
            Pattern.compile("@(\\d{8}|latest|\\d{3})$"),
            Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$"),
            Pattern.compile("-\\d{8}$"),
            Pattern.compile("-latest$"),
            Pattern.compile("-(preview|exp)-\\d{2}-\\d{2}$"),
            Pattern.compile("-(preview|exp)-\\d{4}$"),
            Pattern.compile("-(preview|exp)$"),
            Pattern.compile("-\\d{3}$"),
            Pattern.compile("-\\d{4}$"));

    /**
     * Words that make a longer id another kind or size of model than its prefix, at another price
     * ({@code gpt-4o-mini-tts} is no {@code gpt-4o-mini}, {@code gpt-4.1-mini} no {@code gpt-4.1}): a prefix rule
     * never crosses them.
     */
    private static final Set<String> OTHER_KINDS = Set.of("tts", "transcribe", "audio", "realtime", "image", "embed",
            "embedding", "search", "moderation", "vision", "instruct", "guard", "ocr", "whisper", "codex", "research",
            "computer", "live", "mini", "nano", "pro", "max", "lite", "turbo", "large", "small", "medium", "micro",
            "ultra", "plus", "flash");

    private ModelFamilies() {
    }

    /** The family of {@code id}: the id with every trailing version mark removed, in lower case. */
    static String family(String id) {
        String current = id.toLowerCase(Locale.ROOT);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Pattern suffix : VERSION_SUFFIXES) {
                String stripped = suffix.matcher(current).replaceFirst("");
                if (!stripped.equals(current) && !stripped.isEmpty()) {
                    current = stripped;
                    changed = true;
                }
            }
        }
        return current;
    }

    /**
     * Whether {@code family} extends the known family {@code prefix} ({@code claude-sonnet-4-5} extends
     * {@code claude-sonnet-4}) without turning into another kind of model.
     */
    static boolean extendsFamily(String family, String prefix) {
        // Only a dash extends a family: gpt-4.1 is no gpt-4, and its price is not gpt-4's.
        if (!family.startsWith(prefix + "-")) {
            return false;
        }
        String rest = family.substring(prefix.length() + 1);
        for (String word : rest.split("-")) {
            if (OTHER_KINDS.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
