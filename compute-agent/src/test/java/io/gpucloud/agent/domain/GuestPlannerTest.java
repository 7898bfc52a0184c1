package io.gpucloud.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.agent.inventory.GpuSlot;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildInstance.ClaimedGpu;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a build may claim on this host, and why it is refused otherwise. */
class GuestPlannerTest {

    private final GuestPlanner planner = new GuestPlanner();
    private final DevicesInUse nothing = new DevicesInUse(List.of());

    @Test
    void refusesAGpuProviderOfAnotherHost() {
        HostPlan plan = Hosts.a100();
        ClaimedGpu foreign = new ClaimedGpu(UUID.randomUUID(), "other-host_pci_0000_17_00_0", "PGPU", 1, Set.of());

        assertThatThrownBy(() -> planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of()), List.of(foreign)), plan,
                nothing, Hosts.FILES))
                .isInstanceOf(BuildRefusedException.class)
                .hasMessageContaining("GPU provider other-host_pci_0000_17_00_0 is not a GPU of host a100-host");
    }

    @Test
    void refusesABuildSentToAnotherHost() {
        HostPlan plan = Hosts.a100();
        BuildInstance build = Hosts.build(UUID.randomUUID(), "elsewhere", Hosts.flavor(2, Map.of()), List.of(), "vm");

        assertThatThrownBy(() -> planner.plan(build, plan, nothing, Hosts.FILES))
                .isInstanceOf(BuildRefusedException.class).hasMessageContaining("for host elsewhere");
    }

    @Test
    void aWholeGpuIsClaimedOnceAsOnePgpu() {
        HostPlan plan = Hosts.a100();
        GpuSlot slot = Hosts.slot(plan, "0000:17:00.0");

        assertThatThrownBy(() -> plan(plan, Hosts.claim(slot, 2)))
                .hasMessageContaining("must be 1 PGPU, not 2");
        assertThatThrownBy(() -> plan(plan, new ClaimedGpu(UUID.randomUUID(), slot.providerName(), "VGPU", 1,
                Set.of()))).hasMessageContaining("offers PGPU, the claim asks for VGPU");
        assertThatThrownBy(() -> plan(plan, Hosts.claim(slot, 1), Hosts.claim(slot, 1)))
                .hasMessageContaining("claimed twice");
    }

    @Test
    void refusesAGpuAnotherDomainHolds() {
        HostPlan plan = Hosts.a100();
        DevicesInUse taken = new DevicesInUse(List.of(new DomainDescription(UUID.randomUUID(), "someone-elses-vm",
                false, Set.of(PciAddress.parse("0000:31:00.0")), Set.of(), List.of(), Set.of())));
        BuildInstance build = Hosts.build(plan, Hosts.flavor(2, Map.of()),
                List.of(Hosts.claim(Hosts.slot(plan, "0000:31:00.0"), 1)));

        assertThatThrownBy(() -> planner.plan(build, plan, taken, Hosts.FILES))
                .isInstanceOf(BuildRefusedException.class)
                .hasMessage("GPU 0000:31:00.0 is already passed through to domain someone-elses-vm");
        // The build's own domain (a redelivery) is not a competitor.
        DevicesInUse itself = new DevicesInUse(List.of(new DomainDescription(build.instanceUuid(), "me", true,
                Set.of(PciAddress.parse("0000:31:00.0")), Set.of(), List.of(), Set.of())));
        assertThat(planner.plan(build, plan, itself.except(build.instanceUuid()), Hosts.FILES).passthroughGpus())
                .hasSize(1);
    }

    @Test
    void slicesMustFitBesideTheSlicesOthersHold() {
        HostPlan plan = Hosts.l40s();
        GpuSlot slot = Hosts.slot(plan, "0000:01:00.0");
        List<MediatedGpu> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> new MediatedGpu(
                slot.providerName(), slot.address(), "nvidia-1153", UUID.randomUUID())).toList();
        DevicesInUse others = new DevicesInUse(List.of(new DomainDescription(UUID.randomUUID(), "big", true, Set.of(),
                Set.of(), eleven, Set.of())));

        assertThat(planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of()), List.of(Hosts.claim(slot, 1))), plan,
                others, Hosts.FILES).mediatedGpus()).hasSize(1);
        assertThatThrownBy(() -> planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of()),
                List.of(Hosts.claim(slot, 2))), plan, others, Hosts.FILES))
                .hasMessage("GPU 0000:01:00.0 has 11 of its 12 nvidia-1153 devices in use; 2 more do not fit");
    }

    @Test
    void pinningAvoidsCpusOthersArePinnedToAndRefusesWhenTheNodeIsFull() {
        HostPlan plan = Hosts.a100();
        BuildInstance build = Hosts.build(plan, Hosts.flavor(8, Map.of("hw:cpu_policy", "dedicated")),
                List.of(Hosts.claim(Hosts.slot(plan, "0000:17:00.0"), 1)));
        DevicesInUse others = new DevicesInUse(List.of(new DomainDescription(UUID.randomUUID(), "pinned", true,
                Set.of(), Set.of(), List.of(), Hosts.range(0, 36))));

        CpuPinning pinning = planner.plan(build, plan, others, Hosts.FILES).pinning().orElseThrow();
        assertThat(pinning.hostCpus()).containsExactly(36, 37, 38, 39, 80, 81, 82, 83);
        assertThat(pinning.nodeset()).isEqualTo("0");

        DevicesInUse full = new DevicesInUse(List.of(new DomainDescription(UUID.randomUUID(), "pinned", true,
                Set.of(), Set.of(), List.of(), java.util.stream.Stream.concat(Hosts.range(0, 40).stream(),
                        Hosts.range(80, 116).stream()).collect(Collectors.toSet()))));
        assertThatThrownBy(() -> planner.plan(build, plan, full, Hosts.FILES))
                .hasMessageContaining("NUMA node(s) 0 have 4 unpinned host CPUs, 8 needed");
    }

    @Test
    void pinningWithoutGpusTakesTheNodeWithTheMostFreeCpus() {
        HostPlan plan = Hosts.a100();
        DevicesInUse others = new DevicesInUse(List.of(new DomainDescription(UUID.randomUUID(), "pinned", true,
                Set.of(), Set.of(), List.of(), Hosts.range(0, 10))));

        CpuPinning pinning = planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of("hw:cpu_policy", "dedicated")),
                List.of()), plan, others, Hosts.FILES).pinning().orElseThrow();

        assertThat(pinning.nodeset()).isEqualTo("1");
        assertThat(pinning.hostCpus()).containsExactly(40, 41);
        assertThat(planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of()), List.of()), plan, others, Hosts.FILES)
                .pinning()).isEmpty();
    }

    @Test
    void pinnedGuestsGetOnlyTheHostsDedicatedCpus() {
        HostPlan plan = Hosts.a100().withDedicatedCpus(CpuSet.parse("4-39,84-119,44-79,124-159"));
        assertThat(plan.pcpus()).isEqualTo(144);
        assertThat(plan.vcpus()).isEqualTo(16);

        CpuPinning pinning = planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of("hw:cpu_policy", "dedicated")),
                List.of()), plan, DevicesInUse.NONE, Hosts.FILES).pinning().orElseThrow();
        assertThat(pinning.hostCpus()).containsExactly(4, 5);
        // 144 dedicated CPUs in all, but 72 per node: a guest of 80 pinned vCPUs fits no node.
        assertThatThrownBy(() -> planner.plan(Hosts.build(plan, Hosts.flavor(80, Map.of("hw:cpu_policy",
                "dedicated")), List.of()), plan, DevicesInUse.NONE, Hosts.FILES))
                .hasMessage("hw:cpu_policy=dedicated: no NUMA node has 80 unpinned host CPUs (node 0 has the most: 72)");
        assertThatThrownBy(() -> Hosts.a100().withDedicatedCpus(Set.of(158, 159, 160)))
                .hasMessageContaining("dedicated CPUs 160 are not CPUs of host a100-host");
    }

    @Test
    void onlyBuildsWithGpusOrPinnedCpusReadWhatOtherDomainsHold() {
        HostPlan plan = Hosts.a100();
        BuildInstance plain = Hosts.build(plan, Hosts.flavor(2, Map.of()), List.of());
        BuildInstance withGpu = Hosts.build(plan, Hosts.flavor(2, Map.of()),
                List.of(Hosts.claim(Hosts.slot(plan, "0000:17:00.0"), 1)));
        BuildInstance pinned = Hosts.build(plan, Hosts.flavor(2, Map.of("hw:cpu_policy", "dedicated")), List.of());
        // Every GPU passed through and every CPU pinned elsewhere: a plain build does not care.
        DevicesInUse everything = new DevicesInUse(List.of(new DomainDescription(UUID.randomUUID(), "greedy", true,
                Hosts.A100_ADDRESSES.stream().map(PciAddress::parse).collect(Collectors.toSet()),
                Set.of(), List.of(), Hosts.range(0, 80))));

        assertThat(GuestPlanner.usesHostDevices(plain)).isFalse();
        assertThat(GuestPlanner.usesHostDevices(withGpu)).isTrue();
        assertThat(GuestPlanner.usesHostDevices(pinned)).isTrue();
        assertThat(planner.plan(plain, plan, everything, Hosts.FILES))
                .isEqualTo(planner.plan(plain, plan, DevicesInUse.NONE, Hosts.FILES));
        assertThatThrownBy(() -> planner.plan(withGpu, plan, everything, Hosts.FILES))
                .hasMessageContaining("already passed through to domain greedy");
    }

    @Test
    void cpuSetsParseAndFormatLibvirtsSyntax() {
        assertThat(CpuSet.parse("0-3,8,^2")).containsExactly(0, 1, 3, 8);
        assertThat(CpuSet.format(Set.of(0, 1, 2, 5, 7, 8))).isEqualTo("0-2,5,7-8");
        assertThatThrownBy(() -> CpuSet.parse("a-b")).isInstanceOf(IllegalArgumentException.class);
    }

    private GuestSpec plan(HostPlan plan, ClaimedGpu... claims) {
        return planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of()), List.of(claims)), plan, nothing,
                Hosts.FILES);
    }
}
