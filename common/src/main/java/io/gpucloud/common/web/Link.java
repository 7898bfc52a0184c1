package io.gpucloud.common.web;

import static java.util.Objects.requireNonNull;

/** A link in OpenStack bodies: {@code {"rel":"self","href":"http://h:8774/v2.1/"}}. */
public record Link(String rel, String href) {

    public Link {
        requireNonNull(rel, "rel is null");
        requireNonNull(href, "href is null");
    }

    public static Link self(String href) {
        return new Link("self", href);
    }
}
