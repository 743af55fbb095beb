package dev.mixguard.inference;

import java.util.Collection;

/** A request named a model the registry does not serve. */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String name, Collection<String> known) {
        super("expected a model name among " + known + ", found \"" + name + "\"");
    }
}
