package io.gpucloud.common.messaging.contract;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The payload records a codec can decode, looked up by wire type. {@link #known()} lists every contract of
 * the platform; adding a payload record means adding it there.
 */
public final class MessageContracts {

    /** Every released contract. Keep sorted by type name. */
    private static final List<Class<? extends MessagePayload>> KNOWN = List.of(
            BuildFailed.class,
            BuildInstance.class,
            HostHeartbeat.class,
            InstanceAction.class,
            InstanceDeleted.class,
            InstanceScheduled.class,
            InstanceStateChanged.class,
            NoValidHost.class,
            ScheduleInstance.class,
            TokenRevoked.class);

    private static final ClassValue<MessageContract> CONTRACTS = new ClassValue<>() {
        @Override
        protected MessageContract computeValue(Class<?> type) {
            MessageContract contract = type.getAnnotation(MessageContract.class);
            if (contract == null) {
                throw new IllegalArgumentException(type.getName() + " is not annotated with @MessageContract");
            }
            if (contract.version() < 1) {
                throw new IllegalArgumentException(type.getName() + " declares version " + contract.version()
                        + "; versions start at 1");
            }
            return contract;
        }
    };

    private final Map<String, Class<? extends MessagePayload>> payloadClassesByType;

    private MessageContracts(List<Class<? extends MessagePayload>> payloadClasses) {
        Map<String, Class<? extends MessagePayload>> byType = new LinkedHashMap<>();
        for (Class<? extends MessagePayload> payloadClass : payloadClasses) {
            String type = contractOf(payloadClass).type();
            Class<? extends MessagePayload> previous = byType.putIfAbsent(type, payloadClass);
            if (previous != null) {
                throw new IllegalArgumentException("Message type " + type + " is claimed by both "
                        + previous.getName() + " and " + payloadClass.getName());
            }
        }
        this.payloadClassesByType = Map.copyOf(byType);
    }

    /** Every contract the platform knows. */
    public static MessageContracts known() {
        return new MessageContracts(KNOWN);
    }

    /** A registry of the given payload classes only (tests, tools). */
    public static MessageContracts of(List<Class<? extends MessagePayload>> payloadClasses) {
        return new MessageContracts(requireNonNull(payloadClasses, "payloadClasses is null"));
    }

    /** The contract annotation of a payload class; fails when the class has none. */
    public static MessageContract contractOf(Class<?> payloadClass) {
        return CONTRACTS.get(requireNonNull(payloadClass, "payloadClass is null"));
    }

    /**
     * The record that decodes messages of the given type, whatever their version: older versions lack
     * only optional fields (read as null) and newer ones only add fields this record ignores.
     */
    public Optional<Class<? extends MessagePayload>> findPayloadClass(String type) {
        return Optional.ofNullable(payloadClassesByType.get(requireNonNull(type, "type is null")));
    }

    public Set<String> types() {
        return payloadClassesByType.keySet();
    }
}
