package dev.wormhole.api;

import dev.wormhole.core.ContentPart;

/**
 * The opaque state of a reasoning item ({@code encrypted_content}, OpenAI's field for reasoning a stateless
 * client sends back) when the reasoning came from a provider that signs it (Anthropic): the thinking block's
 * signature, or a redacted block's data. The summary text carries the thinking text itself. The value starts
 * with a prefix of the gateway's own, so it is never taken for OpenAI's encrypted content (which only OpenAI
 * can read) nor the reverse: an item without the prefix is not the gateway's and is left out.
 */
final class EncryptedReasoning {

    private static final String SIGNED = "wormhole.thinking.v1:signature:";
    private static final String REDACTED = "wormhole.thinking.v1:redacted:";

    private EncryptedReasoning() {
    }

    /** The {@code encrypted_content} of a thinking part; null when it has neither signature nor redacted data. */
    static String encode(ContentPart.Thinking thinking) {
        if (thinking.redacted() != null) {
            return REDACTED + thinking.redacted();
        }
        return thinking.signature() == null ? null : SIGNED + thinking.signature();
    }

    /** The thinking part a reasoning item stands for; null when its {@code encrypted_content} is not the gateway's. */
    static ContentPart.Thinking decode(String encrypted, String summaryText) {
        if (encrypted == null) {
            return null;
        }
        if (encrypted.startsWith(SIGNED) && encrypted.length() > SIGNED.length()) {
            return new ContentPart.Thinking(summaryText, encrypted.substring(SIGNED.length()), null);
        }
        if (encrypted.startsWith(REDACTED) && encrypted.length() > REDACTED.length()) {
            return new ContentPart.Thinking(null, null, encrypted.substring(REDACTED.length()));
        }
        return null;
    }
}
