package io.gpucloud.common.messaging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * AMQP headers the messaging library sets. The envelope id also travels as the AMQP {@code message-id};
 * the rest repeat envelope fields so that operators can filter and route without parsing the body.
 */
public final class EnvelopeHeaders {

    public static final String TYPE = "cloud-type";
    public static final String VERSION = "cloud-version";
    public static final String REQUEST_ID = "cloud-request-id";
    public static final String CORRELATION_ID = "cloud-correlation-id";
    /** Failed handling attempts so far; absent on a first delivery. */
    public static final String RETRY_COUNT = "cloud-retry-count";
    /** Why the last attempt failed (exception class and message, shortened). */
    public static final String FAILURE_REASON = "cloud-failure-reason";
    /** The queue whose consumer gave up on a dead-lettered message. */
    public static final String FAILED_QUEUE = "cloud-failed-queue";

    static final String CONTENT_TYPE = MessageProperties.CONTENT_TYPE_JSON;

    private EnvelopeHeaders() {
    }

    /** The failed attempts recorded on a message; 0 when the header is absent or not a number. */
    public static int retryCount(Message message) {
        Object value = message.getMessageProperties().getHeaders().get(RETRY_COUNT);
        if (value instanceof Number number) {
            return number.intValue();
        }
        // A header set by hand (e.g. when replaying a dead letter from the management UI) may arrive as text;
        // anything unreadable counts as a fresh start rather than blocking the message.
        if (value != null && value.toString().matches("\\d{1,9}")) {
            return Integer.parseInt(value.toString());
        }
        return 0;
    }

    /**
     * A persistent copy of a received message with some headers replaced. Built field by field because a
     * received message's properties carry the delivery mode only as "received delivery mode": resending it
     * as is would publish a transient message.
     */
    static Message copyWithHeaders(Message received, Map<String, Object> replacedHeaders) {
        MessageProperties source = received.getMessageProperties();
        MessageProperties target = new MessageProperties();
        target.setMessageId(source.getMessageId());
        target.setContentType(source.getContentType());
        target.setContentEncoding(source.getContentEncoding());
        target.setTimestamp(source.getTimestamp());
        target.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        Map<String, Object> headers = new HashMap<>(source.getHeaders());
        headers.putAll(replacedHeaders);
        target.setHeaders(headers);
        return new Message(received.getBody(), target);
    }
}
