package io.gpucloud.scheduler.scheduling;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.gpucloud.common.compute.ResourceGroup;
import io.gpucloud.common.messaging.Envelope;
import io.gpucloud.common.messaging.EnvelopeCodec;
import io.gpucloud.common.messaging.OutboxWriter;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.InstanceAction;
import io.gpucloud.common.messaging.contract.InstanceDeleted;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildInstance.Alternate;
import io.gpucloud.common.messaging.contract.BuildInstance.ClaimedGpu;
import io.gpucloud.common.messaging.contract.InstanceScheduled;
import io.gpucloud.common.messaging.contract.NoValidHost;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import io.gpucloud.scheduler.allocation.AllocationRequest;
import io.gpucloud.scheduler.allocation.AllocationService;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.candidate.HostView.ProviderView;
import io.gpucloud.scheduler.consumer.ConsumerOwner;
import io.gpucloud.scheduler.consumer.ExpectedGeneration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The scheduler worker's decisions. Each call runs in the transaction of the message being handled, so the
 * claim, the worker's record and the outgoing message commit together or not at all (a crash before the
 * commit means the message is delivered again and nothing was claimed). Each claim attempt runs under a
 * savepoint with the decision's other writes: a candidate taken meanwhile by another scheduler (409) is rolled
 * back alone and the next one is tried.
 */
public class InstanceScheduler {

    private static final Logger log = LoggerFactory.getLogger(InstanceScheduler.class);
    static final String CONSUMER_TYPE = "INSTANCE";

    private final SchedulingPipeline pipeline;
    private final NoValidHostExplainer explainer;
    private final AllocationService allocations;
    private final SchedulingRecords records;
    private final OutboxWriter outbox;
    private final EnvelopeCodec codec;
    private final SchedulingProperties properties;
    private final Counter scheduled;
    private final Counter noValidHost;
    private final Counter rescheduled;
    private final Counter claimsLost;
    private final Timer passes;

    InstanceScheduler(SchedulingPipeline pipeline, NoValidHostExplainer explainer, AllocationService allocations,
            SchedulingRecords records, OutboxWriter outbox, EnvelopeCodec codec,
            SchedulingProperties properties, MeterRegistry meters) {
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.explainer = requireNonNull(explainer, "explainer is null");
        this.allocations = requireNonNull(allocations, "allocations is null");
        this.records = requireNonNull(records, "records is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.scheduled = meters.counter("scheduler.decisions", "outcome", "scheduled");
        this.noValidHost = meters.counter("scheduler.decisions", "outcome", "no_valid_host");
        this.rescheduled = meters.counter("scheduler.reschedules");
        this.claimsLost = meters.counter("scheduler.claims.lost");
        this.passes = Timer.builder("scheduler.pass").description("one candidate query, filtering and weighing")
                .publishPercentileHistogram().register(meters);
    }

    /** Places a new instance: claims a host and sends BuildInstance, or sends NoValidHost. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void schedule(ScheduleInstance message) {
        records.lockInstance(message.instanceUuid());
        if (records.find(message.instanceUuid()).isPresent()) {
            log.warn("instance {} was already scheduled; ignoring a repeated ScheduleInstance", message.instanceUuid());
            return;
        }
        String stored = new String(codec.encode(Envelope.create(message)), UTF_8);
        SchedulingRecord record = new SchedulingRecord(message.instanceUuid(), message.projectId(), stored,
                SchedulingState.BUILDING, 1, null, null, Set.of(), "");
        SchedulingRequest request;
        try {
            request = SchedulingRequests.from(message);
        }
        catch (InvalidSchedulingRequestException e) {
            fail(record, e.getMessage(), 0);
            return;
        }
        place(request, record);
    }

    /**
     * The instance is gone: release its claim (if any is left), drop it from its server group, and remember it,
     * so that a ScheduleInstance or BuildFailed arriving later does nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onInstanceDeleted(InstanceDeleted deleted) {
        records.lockInstance(deleted.instanceUuid());
        Optional<SchedulingRecord> found = records.findForUpdate(deleted.instanceUuid());
        if (found.isPresent() && found.get().state() == SchedulingState.DELETED) {
            return;
        }
        if (allocations.findForConsumer(deleted.instanceUuid()).consumer().isPresent()) {
            allocations.delete(deleted.instanceUuid());
        }
        records.removeGroupMemberships(deleted.instanceUuid());
        if (found.isPresent() && found.get().state() == SchedulingState.BUILDING && found.get().host() != null) {
            // compute-api deleted it before it learnt the host: the host may be building it now, so tell it too.
            outbox.appendCommand(InstanceAction.routingKey(found.get().host()), new InstanceAction(
                    deleted.instanceUuid(), found.get().host(), InstanceAction.Action.DELETE));
        }
        SchedulingRecord record = found.orElseGet(() -> new SchedulingRecord(deleted.instanceUuid(),
                deleted.projectId(), "", SchedulingState.BUILDING, 0, null, null, Set.of(), ""));
        records.save(moveTo(record, SchedulingState.DELETED));
        log.info("instance {} deleted; its claim is released", deleted.instanceUuid());
    }

    /** A host could not build the instance: try another one, or give up. Stale or repeated reports are ignored. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onBuildFailed(BuildFailed failure) {
        Optional<SchedulingRecord> found = records.findForUpdate(failure.instanceUuid());
        if (found.isEmpty() || found.get().state() != SchedulingState.BUILDING
                || found.get().attempt() != failure.attempt()) {
            log.info("ignoring BuildFailed for instance {} attempt {}: not its current build", failure.instanceUuid(),
                    failure.attempt());
            return;
        }
        SchedulingRecord record = found.get();
        Set<UUID> tried = new HashSet<>(record.triedHosts());
        if (record.hostProvider() != null) {
            tried.add(record.hostProvider());
        }
        String failures = (record.failures().isEmpty() ? "" : record.failures() + "; ")
                + failure.host() + ": " + failure.reason();
        SchedulingRecord failed = new SchedulingRecord(record.instanceUuid(), record.projectId(), record.request(),
                record.state(), record.attempt(), record.hostProvider(), record.host(), tried, failures);
        if (!allocations.findForConsumer(record.instanceUuid()).consumer().isPresent()) {
            // Its allocation is gone: the instance was deleted while it was being built. Nothing to retry.
            records.save(moveTo(failed, SchedulingState.FAILED));
            return;
        }
        allocations.delete(record.instanceUuid());
        if (record.attempt() >= properties.maxAttempts()) {
            fail(failed, "build failed on " + record.attempt() + " host(s), giving up: " + failures, record.attempt());
            return;
        }
        rescheduled.increment();
        ScheduleInstance message = codec.decode(record.request().getBytes(UTF_8)).payload(ScheduleInstance.class);
        place(SchedulingRequests.from(message), new SchedulingRecord(failed.instanceUuid(), failed.projectId(),
                failed.request(), failed.state(), record.attempt() + 1, null, null, tried, failures));
    }

    private void place(SchedulingRequest request, SchedulingRecord record) {
        request.group().ifPresent(group -> records.lockGroup(group.uuid()));
        SchedulingContext context = contextFor(request, record.triedHosts());
        FilterReport report = new FilterReport();
        for (int round = 0; round < properties.claimRounds(); round++) {
            report = new FilterReport();
            List<Candidate> candidates;
            try {
                FilterReport thisPass = report;
                candidates = passes.record(() -> pipeline.run(context, thisPass));
            }
            catch (PlacementException e) {
                if (e.status() != 400) {
                    throw e;
                }
                // A class or trait no provider was ever registered with: no host can have it.
                fail(record, "no host has what flavor " + request.message().flavor().name() + " asks for: "
                        + e.getMessage(), record.attempt() - 1);
                return;
            }
            if (candidates.isEmpty()) {
                break;
            }
            for (int i = 0; i < candidates.size(); i++) {
                if (claimAndBuild(request, record, candidates.get(i), candidates.subList(i + 1, candidates.size()))) {
                    return;
                }
            }
            log.info("every candidate for instance {} was taken meanwhile; asking again", request.instanceUuid());
        }
        String reason = explainer.explain(context, report);
        if (!record.failures().isEmpty()) {
            reason = "build failed on " + record.triedHosts().size() + " host(s) (" + record.failures()
                    + ") and no other host fits: " + reason;
        }
        fail(record, reason, record.attempt() - 1);
    }

    private SchedulingContext contextFor(SchedulingRequest request, Set<UUID> tried) {
        Map<UUID, Integer> membersPerHost = new HashMap<>();
        request.group().ifPresent(group -> {
            Set<UUID> members = new HashSet<>(records.groupMembers(group.uuid()));
            members.remove(request.instanceUuid());
            records.hostsOf(members).values().forEach(host -> membersPerHost.merge(host, 1, Integer::sum));
        });
        return new SchedulingContext(request, membersPerHost, records.hostsOf(request.referencedInstances()), tried);
    }

    /**
     * Under a savepoint: records the decision and writes BuildInstance and InstanceScheduled, then claims. False,
     * with all of it rolled back, when the candidate no longer fits (another claim got there first). The claim
     * comes last because it locks the host's provider rows until the commit: claims on one host take turns, so
     * the shorter that lock is held, the more decisions per second one host can take.
     */
    private boolean claimAndBuild(SchedulingRequest request, SchedulingRecord record, Candidate candidate,
            List<Candidate> others) {
        ScheduleInstance message = request.message();
        AllocationRequest claim = new AllocationRequest(new ConsumerOwner(message.instanceUuid(), message.projectId(),
                message.userId(), CONSUMER_TYPE), ExpectedGeneration.newConsumer(), candidate.allocations());
        // The message's transaction, which schedule() and onBuildFailed() run in. Its savepoint is not released on
        // success: the commit does that, and a RELEASE would be one more round trip while the claim holds the
        // host's provider rows, which the other claims on that host wait for.
        TransactionStatus transaction = TransactionAspectSupport.currentTransactionStatus();
        Object savepoint = transaction.createSavepoint();
        BuildInstance build;
        try {
            build = recordBuild(request, record, candidate, others);
            allocations.replace(claim);
        }
        catch (PlacementException e) {
            transaction.rollbackToSavepoint(savepoint);
            if (e.status() == 409) {
                claimsLost.increment();
                log.debug("claim on host {} for instance {} lost: {}", candidate.hostUuid(), message.instanceUuid(),
                        e.getMessage());
                return false;
            }
            throw e;
        }
        scheduled.increment();
        log.info("instance {} scheduled on {} (attempt {}, {} GPU(s), weight {})", message.instanceUuid(),
                build.host(), record.attempt(), build.gpus().size(), String.format("%.3f", candidate.weight()));
        return true;
    }

    /** The writes of a decision to build on the candidate, besides the claim; returns the command sent. */
    private BuildInstance recordBuild(SchedulingRequest request, SchedulingRecord record, Candidate chosen,
            List<Candidate> others) {
        ScheduleInstance message = request.message();
        String host = chosen.host().root().name();
        List<ClaimedGpu> gpus = claimedGpus(request, chosen);
        List<Alternate> alternates = new ArrayList<>();
        for (Candidate other : others.subList(0, Math.min(properties.alternates(), others.size()))) {
            alternates.add(new Alternate(other.host().root().name(), other.hostUuid(),
                    other.allocations()));
        }
        request.group().ifPresent(group -> records.addGroupMember(group.uuid(), message.instanceUuid()));
        records.save(new SchedulingRecord(record.instanceUuid(), record.projectId(), record.request(),
                SchedulingState.BUILDING, record.attempt(), chosen.hostUuid(), host, record.triedHosts(),
                record.failures()));
        BuildInstance build = new BuildInstance(message.instanceUuid(), message.projectId(), message.userId(), host,
                chosen.hostUuid(), record.attempt(), chosen.allocations(), gpus, message.flavor(),
                message.imageProperties(), message.build(), alternates);
        outbox.appendCommand(BuildInstance.routingKey(host), build);
        outbox.appendEvent(InstanceScheduled.routingKey(message.instanceUuid()),
                new InstanceScheduled(message.instanceUuid(), host, chosen.hostUuid(), record.attempt(), gpus));
        return build;
    }

    private List<ClaimedGpu> claimedGpus(SchedulingRequest request, Candidate chosen) {
        List<ClaimedGpu> gpus = new ArrayList<>();
        for (ResourceGroup group : request.resources().groups()) {
            UUID provider = chosen.gpus().providerBySuffix().get(group.suffix());
            if (provider == null) {
                continue;
            }
            ProviderView gpu = chosen.host().providers().stream().filter(p -> p.uuid().equals(provider))
                    .findFirst().orElseThrow(() -> new IllegalStateException("GPU provider " + provider
                            + " is not in the tree of host " + chosen.hostUuid()));
            group.resources().forEach((resourceClass, amount) ->
                    gpus.add(new ClaimedGpu(provider, gpu.name(), resourceClass, amount, gpu.traits())));
        }
        return gpus;
    }

    private void fail(SchedulingRecord record, String reason, int attempts) {
        records.save(moveTo(record, SchedulingState.FAILED));
        noValidHost.increment();
        outbox.appendEvent(NoValidHost.routingKey(record.instanceUuid()),
                new NoValidHost(record.instanceUuid(), record.projectId(), reason, attempts));
        log.info("no valid host for instance {}: {}", record.instanceUuid(), reason);
    }

    private static SchedulingRecord moveTo(SchedulingRecord record, SchedulingState target) {
        return new SchedulingRecord(record.instanceUuid(), record.projectId(), record.request(),
                record.state().moveTo(target), record.attempt(), record.hostProvider(), record.host(),
                record.triedHosts(), record.failures());
    }
}
