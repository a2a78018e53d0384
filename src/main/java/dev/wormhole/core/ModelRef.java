package dev.wormhole.core;

/** A routed model: which provider serves it and the name that provider knows it by. */
public record ModelRef(String provider, String model) {

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
