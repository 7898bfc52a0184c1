package io.gpucloud.scheduler.scheduling;

import static io.gpucloud.scheduler.scheduling.GpuPool.A100;
import static io.gpucloud.scheduler.scheduling.GpuPool.H100;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.common.messaging.EnvelopeCodec;
import io.gpucloud.common.messaging.contract.BuildFailed;
import io.gpucloud.common.messaging.contract.InstanceAction;
import io.gpucloud.common.messaging.contract.InstanceDeleted;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import io.gpucloud.common.messaging.contract.InstanceScheduled;
import io.gpucloud.common.messaging.contract.MessagePayload;
import io.gpucloud.common.messaging.contract.NoValidHost;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import io.gpucloud.common.messaging.contract.ServerGroupSpec;
import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.candidate.AllocationCandidates;
import io.gpucloud.scheduler.candidate.ProviderRows;
import io.gpucloud.scheduler.scheduling.GpuPool.Host;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduler worker's decisions against real PostgreSQL and the real candidate index: each test calls
 * {@link InstanceScheduler} in a transaction, as the message consumer does, and reads what it decided from
 * the allocations and the outbox (BuildInstance, InstanceScheduled, NoValidHost).
 */
class SchedulerWorkerTest extends PlacementTestBase {

    private static final String PROJECT = "0123456789abcdef0123456789abcdef";
    private static final String USER = "fedcba9876543210fedcba9876543210";
    private static final Map<String, String> A100X2_NVLINK = Map.of("resources:PGPU", "2",
            "trait:" + A100, "required", "gpu:topology", "nvlink");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InstanceScheduler scheduler;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MeterRegistry meters;

    @Autowired
    AllocationCandidates candidates;

    ProviderRows rows;
    GpuPool pool;

    double claimsLostBefore;

    @BeforeEach
    void startFromNothing() {
        claimsLostBefore = meters.counter("scheduler.claims.lost").count();
        rows = new ProviderRows(jdbc);
        rows.deleteEverything();
        jdbc.sql("DELETE FROM outbox").update();
        pool = new GpuPool(rows);
    }

    @AfterEach
    void leaveNothing() {
        rows.deleteEverything();
    }

    // --- where GPUs go ---

    @Test
    void twoA100sGoToOneNvlinkDomainAndTheFullestDomainThatFits() {
        // Domain 0 (gpu0-3) has gpu0 and gpu1 taken, domain 1 (gpu4-7) is whole: the pair belongs in domain 0.
        Host host = pool.host("node-a", "az1", A100, 8, 4, 0, 1);

        UUID instance = schedule(flavor(A100X2_NVLINK), "az1");

        BuildInstance build = only(BuildInstance.class);
        assertThat(build.instanceUuid()).isEqualTo(instance);
        assertThat(build.host()).isEqualTo("node-a");
        assertThat(build.hostProvider()).isEqualTo(host.root());
        assertThat(build.attempt()).isEqualTo(1);
        assertThat(build.gpus()).extracting(BuildInstance.ClaimedGpu::provider)
                .containsExactlyInAnyOrder(host.gpus().get(2), host.gpus().get(3));
        assertThat(build.gpus()).extracting(BuildInstance.ClaimedGpu::providerName)
                .containsExactlyInAnyOrder("node-a_gpu2", "node-a_gpu3");
        assertThat(build.allocations()).containsOnlyKeys(host.root(), host.gpus().get(2), host.gpus().get(3));
        assertThat(build.allocations().get(host.root())).containsEntry("VCPU", 8).containsEntry("MEMORY_MB", 65536);
        assertThat(build.flavor().name()).isEqualTo("vm.gpu.test");
        assertThat(routingKeyOf(BuildInstance.class)).isEqualTo("compute.node-a.build");
        assertThat(only(InstanceScheduled.class).gpus()).hasSize(2);
        assertThat(allocationsOf(instance)).isEqualTo(build.allocations());
        assertThat(messages(NoValidHost.class)).isEmpty();
    }

    // --- deletion ---

    @Test
    void aDeletedInstanceReleasesItsClaimAndALaterScheduleOrBuildFailureDoesNothing() {
        pool.host("del-host", "az1", A100, 8, 4);
        UUID instance = schedule(flavor(A100X2_NVLINK), "az1");
        BuildInstance build = only(BuildInstance.class);
        assertThat(allocationsOf(instance)).isNotEmpty();
        jdbc.sql("DELETE FROM outbox").update();

        inTransaction(() -> scheduler.onInstanceDeleted(new InstanceDeleted(instance, "p1")));
        inTransaction(() -> scheduler.onInstanceDeleted(new InstanceDeleted(instance, "p1")));

        assertThat(allocationsOf(instance)).isEmpty();
        // The host may be building it already: it is told to delete it (once).
        InstanceAction delete = only(InstanceAction.class);
        assertThat(delete.action()).isEqualTo(InstanceAction.Action.DELETE);
        assertThat(delete.host()).isEqualTo("del-host");
        assertThat(routingKeyOf(InstanceAction.class)).isEqualTo("compute.del-host.action");
        inTransaction(() -> scheduler.onBuildFailed(new BuildFailed(instance, build.host(), 1, "too late")));
        assertThat(messages(BuildInstance.class)).isEmpty();
        assertThat(messages(NoValidHost.class)).isEmpty();
    }

    @Test
    void aDeleteThatOvertakesTheScheduleCommandStopsItFromClaiming() {
        pool.host("del-host-2", "az1", A100, 8, 4);
        UUID instance = UUID.randomUUID();

        inTransaction(() -> scheduler.onInstanceDeleted(new InstanceDeleted(instance, "p1")));
        ScheduleInstance late = message(flavor(A100X2_NVLINK), "az1", Map.of(), null);
        schedule(new ScheduleInstance(instance, late.projectId(), late.userId(), late.flavor(), late.imageProperties(),
                late.availabilityZone(), late.schedulerHints(), late.serverGroup(), late.build()));

        assertThat(allocationsOf(instance)).isEmpty();
        assertThat(messages(BuildInstance.class)).isEmpty();
    }

    @Test
    void gpusSplitOverTwoDomainsDoNotSatisfyNvlinkButDoSatisfyAnyTopology() {
        pool.host("split", "az1", A100, 8, 4, 0, 1, 2, 4, 5, 6); // one free GPU in each domain

        UUID refused = schedule(flavor(A100X2_NVLINK), "az1");
        NoValidHost noHost = only(NoValidHost.class);
        assertThat(noHost.instanceUuid()).isEqualTo(refused);
        assertThat(noHost.reason()).isEqualTo("no host in az1 has 2 free A100-80GB on one NVLink domain:"
                + " 1 host has A100-80GB, 1 with 2 free, 0 on one NVLink domain");
        assertThat(noHost.attempts()).isZero();
        assertThat(allocationsOf(refused)).isEmpty();

        Map<String, String> anywhere = new HashMap<>(A100X2_NVLINK);
        anywhere.put("gpu:topology", "any");
        UUID placed = schedule(flavor(anywhere), "az1");
        assertThat(only(BuildInstance.class).instanceUuid()).isEqualTo(placed);
        assertThat(only(BuildInstance.class).gpus()).hasSize(2);
    }

    @Test
    void numaTopologyTakesGpusUnderOneNumaNode() {
        // Node 0 (gpus 0-1) has one free, node 1 (gpus 2-3) two: only node 1 can take the pair.
        Host host = pool.numaHost("numa-host", 2, 2, 0);

        schedule(flavor(Map.of("resources:PGPU", "2", "gpu:topology", "numa")), null);

        assertThat(only(BuildInstance.class).gpus()).extracting(BuildInstance.ClaimedGpu::provider)
                .containsExactlyInAnyOrder(host.gpus().get(2), host.gpus().get(3));
        jdbc.sql("DELETE FROM outbox").update();

        // One GPU free on each node: two together on one node do not fit.
        rows.deleteEverything();
        pool.numaHost("numa-split", 2, 2, 0, 2);
        schedule(flavor(Map.of("resources:PGPU", "2", "gpu:topology", "numa")), null);
        assertThat(only(NoValidHost.class).reason()).isEqualTo("no host has 2 free GPU on one NUMA node:"
                + " 1 host has GPU, 1 with 2 free, 0 on one NUMA node");
    }

    @Test
    void noValidHostSaysHowManyHostsHaveTheModelAndHowManyHaveItFree() {
        for (int h = 0; h < 3; h++) {
            pool.host("full-" + h, "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5, 6, 7);
        }
        pool.host("free-elsewhere", "az2", A100, 8, 8);
        pool.host("other-model", "az1", H100, 8, 8);

        UUID instance = schedule(flavor(A100X2_NVLINK), "az1");

        assertThat(only(NoValidHost.class).reason()).isEqualTo(
                "no host in az1 has 2 free A100-80GB on one NVLink domain: 3 hosts have A100-80GB, 0 with 2 free");
        assertThat(allocationsOf(instance)).isEmpty();
        assertThat(scheduled(instance)).isEqualTo("FAILED");
    }

    @Test
    void noValidHostNamesAModelNoHostHas() {
        pool.host("node-a", "az1", A100, 8, 8);

        schedule(flavor(Map.of("resources:PGPU", "1", "trait:" + H100, "required")), "az1");

        assertThat(only(NoValidHost.class).reason()).isEqualTo("no host in az1 has H100-SXM GPUs");
    }

    @Test
    void noValidHostSaysWhenAllGpusAreTooFew() {
        pool.host("node-a", "az1", A100, 4, 4);

        schedule(flavor(Map.of("resources:PGPU", "8", "trait:" + A100, "required")), null);

        assertThat(only(NoValidHost.class).reason()).isEqualTo(
                "no host has 8 free A100-80GB: 1 host has A100-80GB, none has 8 A100-80GB in all");
    }

    @Test
    void noValidHostSaysWhenTheOnlyHostsThatFitAreDownOrDisabled() {
        pool.markDown(pool.host("a100-down", "az1", A100, 8, 8));
        pool.disable(pool.host("a100-disabled", "az1", A100, 8, 8));
        pool.host("h100-up", "az1", H100, 8, 8);

        schedule(flavor(Map.of("resources:PGPU", "1", "trait:" + A100, "required")), "az1");

        assertThat(only(NoValidHost.class).reason()).isEqualTo("no host in az1 that is in service has A100-80GB GPUs;"
                + " of the hosts out of service, 2 hosts have them: 1 down (no heartbeat from the compute agent),"
                + " 1 disabled by an operator");
    }

    @Test
    void noValidHostSaysWhenTheOnlyHostBigEnoughIsDown() {
        pool.host("small-up", "az1", A100, 4, 4);
        pool.markDown(pool.host("big-down", "az1", A100, 8, 8));

        schedule(flavor(Map.of("resources:PGPU", "8", "trait:" + A100, "required")), null);

        assertThat(only(NoValidHost.class).reason()).isEqualTo("no host has 8 free A100-80GB: 1 host has A100-80GB,"
                + " none has 8 A100-80GB in all; of the hosts out of service, 1 host has that many: 1 down (no"
                + " heartbeat from the compute agent)");
    }

    @Test
    void noValidHostWithoutGpusSaysWhenEveryHostIsDown() {
        for (int h = 0; h < 3; h++) {
            pool.markDown(pool.host("down-" + h, "az1", A100, 0, 1));
        }

        UUID instance = schedule(new FlavorSpec("vm.cpu.1", 1, 512, 1, Map.of()), "az1");

        assertThat(only(NoValidHost.class).reason()).isEqualTo("no host in az1 that is in service is big enough for"
                + " 1 GB disk, 512 MB RAM, 1 VCPU; of the hosts out of service, 3 hosts are: 3 down (no heartbeat"
                + " from the compute agent)");
        assertThat(allocationsOf(instance)).isEmpty();
    }

    @Test
    void aTraitNoProviderWasEverGivenIsAReadableNoValidHost() {
        pool.host("node-a", "az1", A100, 2, 2);

        UUID instance = schedule(flavor(Map.of("resources:PGPU", "1", "trait:CUSTOM_GPU_NVIDIA_B300", "required")),
                null);

        assertThat(only(NoValidHost.class).reason()).contains("no host has what flavor vm.gpu.test asks for")
                .contains("CUSTOM_GPU_NVIDIA_B300");
        assertThat(allocationsOf(instance)).isEmpty();
    }

    @Test
    void aMalformedExtraSpecIsANoValidHostNamingTheKeyAndClaimsNothing() {
        pool.host("node-a", "az1", A100, 2, 2);

        UUID instance = schedule(flavor(Map.of("resources:PGPU", "two")), null);

        assertThat(only(NoValidHost.class).reason()).contains("resources:PGPU");
        assertThat(allocationsOf(instance)).isEmpty();
        assertThat(messages(BuildInstance.class)).isEmpty();
    }

    @Test
    void packsOntoTheBusiestHostThatFits() {
        pool.host("empty", "az1", A100, 8, 8);
        Host busy = pool.host("busy", "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5);
        pool.host("empty-2", "az1", A100, 8, 8);

        schedule(flavor(Map.of("resources:PGPU", "1", "trait:" + A100, "required")), "az1");

        assertThat(only(BuildInstance.class).hostProvider()).isEqualTo(busy.root());
    }

    @Test
    void anInstanceWithoutGpusKeepsOffGpuHostsUntilNoOtherHostHasRoom() {
        Host gpuHost = pool.host("gpu-busy", "az1", A100, 8, 8);
        rows.allocate(gpuHost.root(), "VCPU", 16); // packing alone would prefer this busier host
        Host cpuHost = pool.host("cpu-only", "az1", A100, 0, 1);
        FlavorSpec cpuOnly = new FlavorSpec("vm.cpu.40", 40, 4096, 10, Map.of());

        UUID first = schedule(cpuOnly, "az1");
        UUID second = schedule(cpuOnly, "az1");

        Map<UUID, UUID> hostOf = messages(BuildInstance.class).stream()
                .collect(Collectors.toMap(BuildInstance::instanceUuid, BuildInstance::hostProvider));
        assertThat(hostOf.get(first)).isEqualTo(cpuHost.root());
        assertThat(hostOf.get(second)).as("the CPU-only host is full (64 VCPU)").isEqualTo(gpuHost.root());
    }

    @Test
    void disabledHostsAndOtherZonesAreSkipped() {
        Host disabled = pool.host("disabled", "az1", A100, 8, 8);
        pool.disable(disabled);
        pool.host("other-zone", "az2", A100, 8, 8);
        Host usable = pool.host("usable", "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5, 6);

        schedule(flavor(Map.of("resources:PGPU", "1", "trait:" + A100, "required")), "az1");

        assertThat(only(BuildInstance.class).hostProvider()).isEqualTo(usable.root());
    }

    @Test
    void dataResidencyKeepsTheInstanceInTheRegion() {
        pool.host("us-host", "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5); // busier: packing alone would pick it
        Host euHost = pool.host("eu-host", "az1", A100, 8, 8);
        pool.inRegion(euHost, "eu");

        schedule(message(flavor(Map.of("resources:PGPU", "1")), null, Map.of("data_residency", List.of("eu")), null));
        assertThat(only(BuildInstance.class).hostProvider()).isEqualTo(euHost.root());

        jdbc.sql("DELETE FROM outbox").update();
        schedule(message(flavor(Map.of("resources:PGPU", "1")), null, Map.of("data_residency", List.of("ch")), null));
        assertThat(only(NoValidHost.class).reason()).isEqualTo("no host in data-residency region ch has GPUs");
    }

    // --- server groups and hints ---

    @Test
    void antiAffinityGroupSpreadsItsMembersAndRefusesOneMoreThanHosts() {
        List<Host> hosts = List.of(pool.host("h1", "az1", A100, 8, 8), pool.host("h2", "az1", A100, 8, 8),
                pool.host("h3", "az1", A100, 8, 8));
        ServerGroupSpec group = new ServerGroupSpec(UUID.randomUUID(), "anti-affinity", null);
        FlavorSpec oneGpu = flavor(Map.of("resources:PGPU", "1"));

        for (int i = 0; i < 3; i++) {
            schedule(message(oneGpu, null, Map.of(), group));
        }
        assertThat(messages(BuildInstance.class).stream().map(BuildInstance::hostProvider).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(hosts.stream().map(Host::root).toList());

        UUID fourth = schedule(message(oneGpu, null, Map.of(), group));
        NoValidHost noHost = only(NoValidHost.class);
        assertThat(noHost.instanceUuid()).isEqualTo(fourth);
        assertThat(noHost.reason()).startsWith("no host has 1 free GPU that the placement rules allow: 3 hosts have GPU")
                .contains("3 by server group anti-affinity");
    }

    @Test
    void affinityGroupKeepsMembersTogetherEvenWhenPackingWouldNot() {
        pool.host("h1", "az1", A100, 8, 8);
        pool.host("h2", "az1", A100, 8, 8);
        ServerGroupSpec group = new ServerGroupSpec(UUID.randomUUID(), "affinity", null);
        FlavorSpec oneGpu = flavor(Map.of("resources:PGPU", "1"));

        for (int i = 0; i < 4; i++) {
            schedule(message(oneGpu, null, Map.of(), group));
        }

        assertThat(messages(BuildInstance.class)).hasSize(4);
        assertThat(messages(BuildInstance.class).stream().map(BuildInstance::host).distinct()).hasSize(1);
    }

    @Test
    void softAntiAffinityPrefersEmptyHostsButDoesNotRefuse() {
        pool.host("h1", "az1", A100, 8, 8);
        pool.host("h2", "az1", A100, 8, 8);
        ServerGroupSpec group = new ServerGroupSpec(UUID.randomUUID(), "soft-anti-affinity", null);
        FlavorSpec oneGpu = flavor(Map.of("resources:PGPU", "1"));

        for (int i = 0; i < 3; i++) {
            schedule(message(oneGpu, null, Map.of(), group));
        }

        List<BuildInstance> builds = messages(BuildInstance.class);
        assertThat(builds).hasSize(3);
        assertThat(builds.subList(0, 2).stream().map(BuildInstance::host).distinct()).hasSize(2);
    }

    @Test
    void differentHostAndSameHostHintsFollowTheNamedInstance() {
        pool.host("h1", "az1", A100, 8, 8);
        pool.host("h2", "az1", A100, 8, 8);
        FlavorSpec oneGpu = flavor(Map.of("resources:PGPU", "1"));
        UUID first = schedule(message(oneGpu, null, Map.of(), null));
        String firstHost = only(BuildInstance.class).host();
        jdbc.sql("DELETE FROM outbox").update();

        schedule(message(oneGpu, null, Map.of("different_host", List.of(first.toString())), null));
        assertThat(only(BuildInstance.class).host()).isNotEqualTo(firstHost);
        jdbc.sql("DELETE FROM outbox").update();

        for (int i = 0; i < 3; i++) {
            schedule(message(oneGpu, null, Map.of("same_host", List.of(first.toString())), null));
        }
        assertThat(messages(BuildInstance.class)).extracting(BuildInstance::host).containsOnly(firstHost);
    }

    // --- retries ---

    @Test
    void aFailedBuildMovesTheClaimToAnotherHostUntilAttemptsRunOut() {
        Host h1 = pool.host("h1", "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5, 6); // packing tries it first
        Host h2 = pool.host("h2", "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5);
        Host h3 = pool.host("h3", "az1", A100, 8, 8, 0, 1, 2, 3, 4);
        pool.host("h4", "az1", A100, 8, 8);
        UUID instance = schedule(flavor(Map.of("resources:PGPU", "1")), null);
        BuildInstance first = only(BuildInstance.class);
        assertThat(first.hostProvider()).isEqualTo(h1.root());
        assertThat(first.alternates()).extracting(BuildInstance.Alternate::hostProvider)
                .containsExactly(h2.root(), h3.root());

        // A stale report (wrong attempt) changes nothing.
        inTransaction(() -> scheduler.onBuildFailed(new BuildFailed(instance, "h1", 7, "late echo")));
        assertThat(messages(BuildInstance.class)).hasSize(1);

        inTransaction(() -> scheduler.onBuildFailed(new BuildFailed(instance, "h1", 1, "libvirt: no IOMMU")));
        BuildInstance second = messages(BuildInstance.class).get(1);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.hostProvider()).isEqualTo(h2.root());
        assertThat(allocationsOf(instance)).isEqualTo(second.allocations());
        assertThat(rows.usedOn(h1.gpus().get(7))).isZero();

        inTransaction(() -> scheduler.onBuildFailed(new BuildFailed(instance, "h2", 2, "disk full")));
        assertThat(messages(BuildInstance.class).get(2).hostProvider()).isEqualTo(h3.root());

        inTransaction(() -> scheduler.onBuildFailed(new BuildFailed(instance, "h3", 3, "qemu crashed")));
        NoValidHost gaveUp = only(NoValidHost.class);
        assertThat(gaveUp.attempts()).isEqualTo(3);
        assertThat(gaveUp.reason()).isEqualTo("build failed on 3 host(s), giving up: h1: libvirt: no IOMMU;"
                + " h2: disk full; h3: qemu crashed");
        assertThat(allocationsOf(instance)).isEmpty();
        assertThat(scheduled(instance)).isEqualTo("FAILED");

        // Once given up, a repeated report is ignored.
        inTransaction(() -> scheduler.onBuildFailed(new BuildFailed(instance, "h3", 3, "qemu crashed")));
        assertThat(messages(NoValidHost.class)).hasSize(1);
    }

    @Test
    void aRetryWithNoHostLeftSaysWhatFailedAndReleasesTheClaim() {
        pool.host("only", "az1", A100, 8, 8);
        UUID instance = schedule(flavor(Map.of("resources:PGPU", "1")), null);

        inTransaction(() -> scheduler.onBuildFailed(new BuildFailed(instance, "only", 1, "no IOMMU")));

        assertThat(only(NoValidHost.class).reason()).startsWith("build failed on 1 host(s) (only: no IOMMU) and no"
                + " other host fits: no host has 1 free GPU that the placement rules allow")
                .contains("1 by already tried");
        assertThat(allocationsOf(instance)).isEmpty();
    }

    @Test
    void aRepeatedScheduleInstanceForTheSameInstanceClaimsOnce() {
        pool.host("h1", "az1", A100, 8, 8);
        ScheduleInstance message = message(flavor(Map.of("resources:PGPU", "1")), null, Map.of(), null);

        schedule(message);
        schedule(message);

        assertThat(messages(BuildInstance.class)).hasSize(1);
        assertThat(allocationsOf(message.instanceUuid())).hasSize(2);
    }

    // --- concurrency ---

    @Test
    void theIndexSeesAClaimMadeInATransactionThatHadAnXidBeforeItsSnapshot() {
        // The message consumer inserts its processed-message row before the scheduler runs, so the scheduler's
        // transaction owns an xid when the index takes its snapshot; a transaction committed meanwhile with a
        // higher xid raises that snapshot's xmax past the scheduler's own xid, which a snapshot never lists as
        // in progress. The index must still learn of the claim once it commits.
        pool.host("xid-host", "az1", A100, 4, 4);
        TransactionTemplate other = new TransactionTemplate(transactionManager);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        UUID first = UUID.randomUUID();
        inTransaction(() -> {
            jdbc.sql("SELECT pg_current_xact_id()").query(Long.class).single();
            other.executeWithoutResult(status -> jdbc.sql("SELECT pg_current_xact_id()").query(Long.class).single());
            ScheduleInstance message = message(flavor(A100X2_NVLINK), "az1", Map.of(), null);
            scheduler.schedule(new ScheduleInstance(first, message.projectId(), message.userId(), message.flavor(),
                    message.imageProperties(), message.availabilityZone(), message.schedulerHints(),
                    message.serverGroup(), message.build()));
        });

        UUID second = schedule(flavor(A100X2_NVLINK), "az1");

        assertThat(messages(NoValidHost.class)).isEmpty();
        assertThat(messages(BuildInstance.class)).extracting(BuildInstance::instanceUuid)
                .containsExactlyInAnyOrder(first, second);
        assertThat(claimsLost()).as("claims lost to a stale index").isZero();
    }

    @Test
    void aClaimLostToAnotherSchedulerIsRolledBackAloneAndTheNextHostIsTaken() {
        Host busy = pool.host("lost-busy", "az1", A100, 8, 8, 0, 1, 2, 3, 4, 5);
        Host other = pool.host("lost-other", "az1", A100, 8, 8);
        candidates.host(busy.root()); // the index has read both hosts
        // Another replica claims busy's last two GPUs, and this replica's index has not seen it yet: the claim's
        // change-log rows are gone, as if the index had checked just before that claim committed.
        long before = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM provider_change").query(Long.class).single();
        rows.allocate(busy.gpus().get(6), "PGPU", 1).allocate(busy.gpus().get(7), "PGPU", 1);
        jdbc.sql("DELETE FROM provider_change WHERE id > :before").param("before", before).update();

        UUID instance = schedule(flavor(Map.of("resources:PGPU", "2", "trait:" + A100, "required")), "az1");

        assertThat(claimsLost()).as("the claim on the busiest host, lost").isEqualTo(1);
        BuildInstance build = only(BuildInstance.class);
        assertThat(build.hostProvider()).isEqualTo(other.root());
        assertThat(routingKeyOf(BuildInstance.class)).isEqualTo("compute.lost-other.build");
        assertThat(only(InstanceScheduled.class).host()).as("the first attempt's event rolled back")
                .isEqualTo("lost-other");
        assertThat(allocationsOf(instance)).isEqualTo(build.allocations()).containsKey(other.root());
        assertThat(jdbc.sql("SELECT host FROM scheduling_request WHERE instance_uuid = :uuid")
                .param("uuid", instance).query(String.class).list()).containsExactly("lost-other");
        assertThat(rows.usedOn(busy.gpus().get(6)) + rows.usedOn(busy.gpus().get(7))).isEqualTo(2);
    }

    @Test
    void concurrentSchedulesNeverOverbookAndEveryInstanceGetsAnAnswer() throws Exception {
        pool.host("c1", "az1", A100, 8, 4);
        pool.host("c2", "az1", A100, 8, 4);
        FlavorSpec twoGpus = flavor(A100X2_NVLINK);
        List<ScheduleInstance> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(message(twoGpus, "az1", Map.of(), null));
        }

        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ScheduleInstance request : requests) {
                done.add(workers.submit((Callable<Void>) () -> {
                    schedule(request);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(messages(BuildInstance.class)).hasSize(8);
        assertThat(messages(NoValidHost.class)).hasSize(12);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT resource_provider_id, resource_class_id FROM allocation
                                      GROUP BY 1, 2 HAVING sum(used) > 1 AND resource_class_id =
                                      (SELECT id FROM resource_class WHERE name = 'PGPU')) over
                """).query(Long.class).single()).as("GPUs held twice").isZero();
        for (BuildInstance build : messages(BuildInstance.class)) {
            Set<String> domains = build.gpus().stream().flatMap(g -> g.traits().stream())
                    .filter(t -> t.startsWith("CUSTOM_NVLINK_DOMAIN_")).collect(Collectors.toSet());
            assertThat(domains).as("NVLink domains of %s", build.instanceUuid()).hasSize(1);
        }
    }

    // --- helpers ---

    private static FlavorSpec flavor(Map<String, String> extraSpecs) {
        return new FlavorSpec("vm.gpu.test", 8, 65536, 100, extraSpecs);
    }

    private static ScheduleInstance message(FlavorSpec flavor, String zone, Map<String, List<String>> hints,
            ServerGroupSpec group) {
        return new ScheduleInstance(UUID.randomUUID(), PROJECT, USER, flavor, Map.of(), zone, hints, group,
                new BuildSpec("vm", UUID.randomUUID(), null, null, null, Map.of()));
    }

    private UUID schedule(FlavorSpec flavor, String zone) {
        return schedule(message(flavor, zone, Map.of(), null));
    }

    private UUID schedule(ScheduleInstance message) {
        inTransaction(() -> scheduler.schedule(message));
        return message.instanceUuid();
    }

    private double claimsLost() {
        return meters.counter("scheduler.claims.lost").count() - claimsLostBefore;
    }

    private void inTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    private <P extends MessagePayload> List<P> messages(Class<P> type) {
        String wireType = io.gpucloud.common.messaging.contract.MessageContracts.contractOf(type).type();
        return jdbc.sql("SELECT body::text FROM outbox WHERE message_type = :type ORDER BY id").param("type", wireType)
                .query(String.class).list().stream()
                .map(body -> codec.decode(body.getBytes(UTF_8)).payload(type)).toList();
    }

    private <P extends MessagePayload> P only(Class<P> type) {
        List<P> found = messages(type);
        assertThat(found).as("%s messages", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private String routingKeyOf(Class<? extends MessagePayload> type) {
        return jdbc.sql("SELECT routing_key FROM outbox WHERE message_type = :type").param("type",
                io.gpucloud.common.messaging.contract.MessageContracts.contractOf(type).type()).query(String.class).single();
    }

    private String scheduled(UUID instance) {
        return jdbc.sql("SELECT state FROM scheduling_request WHERE instance_uuid = :i").param("i", instance)
                .query(String.class).optional().orElse("NONE");
    }

    /** provider uuid → class → amount held by the instance. */
    private Map<UUID, Map<String, Integer>> allocationsOf(UUID instance) {
        Map<UUID, Map<String, Integer>> held = new HashMap<>();
        jdbc.sql("""
                SELECT rp.uuid, rc.name, a.used FROM allocation a
                JOIN resource_provider rp ON rp.id = a.resource_provider_id
                JOIN resource_class rc ON rc.id = a.resource_class_id
                WHERE a.consumer_uuid = :i
                """).param("i", instance).query((rs, n) -> held.computeIfAbsent(rs.getObject(1, UUID.class),
                        u -> new HashMap<>()).put(rs.getString(2), rs.getInt(3))).list();
        return held;
    }
}
