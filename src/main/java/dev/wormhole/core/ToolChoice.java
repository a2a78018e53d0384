package dev.wormhole.core;

/** How the model may use the offered tools. {@code name} is set only for {@link Mode#NAMED}. */
public record ToolChoice(Mode mode, String name) {

    /** The choices OpenAI's {@code tool_choice} can express. */
    public enum Mode {
        AUTO, NONE, REQUIRED, NAMED
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public static ToolChoice named(String name) {
        return new ToolChoice(Mode.NAMED, name);
    }
}
