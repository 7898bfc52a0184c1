package io.gpucloud.compute.server;

import java.time.Instant;

/** Why an instance is in ERROR, as {@code fault} shows it: {@code {code, message, created}}. */
public record Fault(int code, String message, Instant created) {
}
