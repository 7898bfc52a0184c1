package io.gpucloud.objectstorage.swift;

import io.gpucloud.common.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The account, container and object a Swift request names, read from the raw request URI:
 * {@code /v1/AUTH_<project>[/<container>[/<object>]]}. The object name is everything after the container's
 * slash, percent-decoded, and may hold {@code /}, {@code //}, {@code ..} or any UTF-8. It is read here
 * rather than from Spring's path variables because those normalize and split the path.
 *
 * @param project the project id behind {@code AUTH_}
 * @param container null for an account request
 * @param object null for an account or container request ({@code /v1/a/c/} is the container, as in Swift)
 */
record SwiftPath(String account, String project, String container, String object) {

    static final String ACCOUNT_PREFIX = "AUTH_";
    private static final String ROOT = "/v1/";

    static SwiftPath of(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        if (!uri.startsWith(ROOT)) {
            throw new ApiException(404, "The resource could not be found.");
        }
        String rest = uri.substring(ROOT.length());
        int slash = rest.indexOf('/');
        String account = decode(slash < 0 ? rest : rest.substring(0, slash));
        if (!account.startsWith(ACCOUNT_PREFIX) || account.length() == ACCOUNT_PREFIX.length()) {
            throw new ApiException(403, "Only AUTH_<project id> accounts exist here.");
        }
        String project = account.substring(ACCOUNT_PREFIX.length());
        if (slash < 0 || slash == rest.length() - 1) {
            return new SwiftPath(account, project, null, null);
        }
        rest = rest.substring(slash + 1);
        slash = rest.indexOf('/');
        String container = decode(slash < 0 ? rest : rest.substring(0, slash));
        String object = slash < 0 || slash == rest.length() - 1 ? null : decode(rest.substring(slash + 1));
        return new SwiftPath(account, project, container, object);
    }

    /**
     * Percent-decoding of a path part into UTF-8, strictly: a malformed escape is a 400 and bytes that are not
     * UTF-8 a 412, Swift's answer to names it cannot store. Unlike form decoding, '+' stays '+'.
     */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw ApiException.badRequest("Malformed percent-encoding in the path.");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw ApiException.badRequest("Malformed percent-encoding in the path.");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(412, "Invalid UTF8 or contains NULL");
        }
    }
}
