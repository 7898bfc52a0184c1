package io.gpucloud.common.messaging.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a payload record on the wire. {@link #type()} is the envelope's {@code type}; {@link #version()}
 * is the newest version of that type the record describes, and the version a publisher sends.
 *
 * <p>Rules (see docs/messaging.md): a released version never changes; a new version only adds optional
 * (nullable) fields; a type name is never reused for another meaning, not even after it is retired.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageContract {

    /** The wire name, e.g. {@code "TokenRevoked"}. Never renamed, never reused. */
    String type();

    /** The newest version this record describes; starts at 1. */
    int version();
}
