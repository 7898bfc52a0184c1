package io.gpucloud.common.messaging.contract;

/**
 * The payload of an envelope: a record in this package annotated with {@link MessageContract} and
 * listed in {@link MessageContracts}.
 *
 * <p>The accessors are deliberately not called {@code type()}/{@code version()}: a payload record may well
 * have a component of that name (a volume type, an image version), and it would clash with them.
 */
public interface MessagePayload {

    /** The contract's wire type, from its {@link MessageContract} annotation. */
    default String messageType() {
        return MessageContracts.contractOf(getClass()).type();
    }

    /** The contract version this record describes, from its {@link MessageContract} annotation. */
    default int messageVersion() {
        return MessageContracts.contractOf(getClass()).version();
    }
}
