package dev.mixguard.api.v2;

/** A v2 request named a version the model does not have; answered with 404. */
public class UnknownVersionException extends RuntimeException {

    public UnknownVersionException(String model, String known, String asked) {
        super("model \"" + model + "\": expected version among [" + known + "], found \"" + asked + "\"");
    }
}
