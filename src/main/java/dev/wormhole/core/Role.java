package dev.wormhole.core;

/** Author of a chat message. */
public enum Role {
    SYSTEM, DEVELOPER, USER, ASSISTANT, TOOL
}
