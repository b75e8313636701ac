package io.switchboard.rest.internal.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.switchboard.api.channel.Health;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.channels.ChannelRuntime;
import io.switchboard.channels.ChannelStats;
import io.switchboard.channels.InstanceInfo;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.tickets.CallStats;
import io.switchboard.tickets.TicketQuery;
import io.switchboard.tickets.TicketService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Reads the current numbers from the core services and the JVM, at scrape time: nothing is kept
 * here between scrapes. Metrics of a service that is not there yet are left out rather than zero.
 */
public final class MetricsCollector {
    /** The service-level threshold of the call metrics: the usual contact-centre target of 20 seconds. */
    static final int SERVICE_LEVEL_SECONDS = 20;
    private final CoreServices services;

    public MetricsCollector(CoreServices services) {
        this.services = services;
    }

    public MetricSnapshots collect() {
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(servicesUp());
        services.currentChannels().ifPresent(channels -> addChannelMetrics(channels, metrics));
        services.currentTickets().ifPresent(tickets -> {
            metrics.add(ticketsByStatus(tickets));
            addCallMetrics(tickets, metrics);
        });
        addJvmMetrics(metrics);
        return new MetricSnapshots(metrics);
    }

    private GaugeSnapshot servicesUp() {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("switchboard_service_up")
                .help("Whether a core service is available (1) or not yet or no longer (0).");
        gauge.dataPoint(gaugePoint(services.currentStore().isPresent() ? 1 : 0, "service", "store"));
        gauge.dataPoint(gaugePoint(services.currentTickets().isPresent() ? 1 : 0, "service", "tickets"));
        gauge.dataPoint(gaugePoint(services.currentChannels().isPresent() ? 1 : 0, "service", "channels"));
        return gauge.build();
    }

    private static void addChannelMetrics(ChannelRuntime channels, List<MetricSnapshot> metrics) {
        List<ChannelStats> stats = channels.stats();
        metrics.add(counter("switchboard_inbound_events",
                "Inbound provider events per channel instance since start, by outcome.", stats,
                new Outcome("accepted", ChannelStats::inboundAccepted),
                new Outcome("duplicate", ChannelStats::inboundDuplicates),
                new Outcome("rejected", ChannelStats::inboundRejected)));
        metrics.add(counter("switchboard_outbound_messages",
                "Outbound send attempts per channel instance since start, by outcome.", stats,
                new Outcome("sent", ChannelStats::outboundSent),
                new Outcome("retried", ChannelStats::outboundRetried),
                new Outcome("failed", ChannelStats::outboundFailed)));

        GaugeSnapshot.Builder pending = GaugeSnapshot.builder().name("switchboard_outbox_pending")
                .help("Outbound messages waiting in the outbox per channel instance.");
        for (ChannelStats s : stats) {
            pending.dataPoint(gaugePoint(s.outboxPending(), "instance", orEmpty(s.instance()), "type", orEmpty(s.type())));
        }
        metrics.add(pending.build());

        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("switchboard_channel_up")
                .help("1 while a channel instance is active and online, 0 otherwise (degraded, offline, starting).");
        for (InstanceInfo instance : channels.instances()) {
            boolean online = instance.active() && instance.health() != null
                    && instance.health().status() == Health.Status.ONLINE;
            up.dataPoint(gaugePoint(online ? 1 : 0, "instance", orEmpty(instance.id()), "type", orEmpty(instance.type())));
        }
        metrics.add(up.build());
    }

    private static GaugeSnapshot ticketsByStatus(TicketService tickets) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("switchboard_tickets")
                .help("Tickets per status.");
        for (TicketStatus status : TicketStatus.values()) {
            long count = tickets.list(new TicketQuery(status, null, null, null, null, 0, 1)).total();
            gauge.dataPoint(gaugePoint(count, "status", status.name()));
        }
        return gauge.build();
    }

    /**
     * Today's calls (UTC) per instance with calls today: by outcome, the average wait and the service
     * level. A figure without a call to compute it from is left out rather than shown as 0.
     */
    private static void addCallMetrics(TicketService tickets, List<MetricSnapshot> metrics) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<CallStats> stats = tickets.callStats(null, today, today, SERVICE_LEVEL_SECONDS);
        CounterSnapshot.Builder calls = CounterSnapshot.builder().name("switchboard_calls")
                .help("Calls started today (UTC) per channel instance, by outcome (in_progress: not ended yet);"
                        + " starts again from 0 at midnight UTC.");
        GaugeSnapshot.Builder wait = GaugeSnapshot.builder().name("switchboard_call_wait_seconds_average")
                .help("Average queue wait of today's calls (UTC) per channel instance, in seconds.");
        GaugeSnapshot.Builder serviceLevel = GaugeSnapshot.builder().name("switchboard_call_service_level")
                .help("Share of today's answered and abandoned calls (UTC) answered within threshold_seconds of waiting,"
                        + " per channel instance, from 0 to 1.");
        for (CallStats day : stats) {
            long ended = day.answered() + day.abandoned() + day.voicemails() + day.callbacks() + day.missed();
            callPoint(calls, day.instance(), "answered", day.answered());
            callPoint(calls, day.instance(), "abandoned", day.abandoned());
            callPoint(calls, day.instance(), "voicemail", day.voicemails());
            callPoint(calls, day.instance(), "callback", day.callbacks());
            callPoint(calls, day.instance(), "missed", day.missed());
            callPoint(calls, day.instance(), "in_progress", day.calls() - ended);
            if (day.averageWaitSeconds() != null) {
                wait.dataPoint(gaugePoint(day.averageWaitSeconds(), "instance", orEmpty(day.instance())));
            }
            if (day.serviceLevel() != null) {
                serviceLevel.dataPoint(gaugePoint(day.serviceLevel(), "instance", orEmpty(day.instance()),
                        "threshold_seconds", Integer.toString(SERVICE_LEVEL_SECONDS)));
            }
        }
        metrics.add(calls.build());
        metrics.add(wait.build());
        metrics.add(serviceLevel.build());
    }

    private static void callPoint(CounterSnapshot.Builder counter, String instance, String outcome, long value) {
        counter.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("instance", orEmpty(instance), "outcome", outcome)).value(value).build());
    }

    private static void addJvmMetrics(List<MetricSnapshot> metrics) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        metrics.add(memory("jvm_memory_used_bytes", "Memory in use, in bytes.", heap.getUsed(), nonHeap.getUsed()));
        metrics.add(memory("jvm_memory_committed_bytes", "Memory committed by the JVM, in bytes.",
                heap.getCommitted(), nonHeap.getCommitted()));
        metrics.add(memory("jvm_memory_max_bytes", "Most memory the JVM may use, in bytes (-1: no limit).",
                heap.getMax(), nonHeap.getMax()));

        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        metrics.add(GaugeSnapshot.builder().name("process_start_time_seconds")
                .help("Start time of the process, in seconds since the Unix epoch.")
                .dataPoint(GaugeDataPointSnapshot.builder().value(runtime.getStartTime() / 1000.0).build())
                .build());
        metrics.add(GaugeSnapshot.builder().name("process_uptime_seconds")
                .help("How long the process has been running, in seconds.")
                .dataPoint(GaugeDataPointSnapshot.builder().value(runtime.getUptime() / 1000.0).build())
                .build());
    }

    private record Outcome(String name, ToLongFunction<ChannelStats> value) {
    }

    private static CounterSnapshot counter(String name, String help, List<ChannelStats> stats, Outcome... outcomes) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        for (ChannelStats s : stats) {
            for (Outcome outcome : outcomes) {
                counter.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(Labels.of("instance", orEmpty(s.instance()), "type", orEmpty(s.type()), "outcome", outcome.name()))
                        .value(outcome.value().applyAsLong(s))
                        .build());
            }
        }
        return counter.build();
    }

    private static GaugeSnapshot memory(String name, String help, long heap, long nonHeap) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(gaugePoint(heap, "area", "heap"))
                .dataPoint(gaugePoint(nonHeap, "area", "nonheap"))
                .build();
    }

    private static GaugeDataPointSnapshot gaugePoint(double value, String... labels) {
        return GaugeDataPointSnapshot.builder().labels(Labels.of(labels)).value(value).build();
    }

    /** Label values must not be null; an instance without a known type is labelled "". */
    private static String orEmpty(String value) {
        return Optional.ofNullable(value).orElse("");
    }
}
