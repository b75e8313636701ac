package io.switchboard.rest.internal.resource;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.switchboard.rest.internal.CoreServices;
import io.switchboard.rest.internal.auth.PublicEndpoint;
import io.switchboard.rest.internal.metrics.MetricsCollector;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Prometheus text exposition format 0.0.4, which every Prometheus-compatible scraper reads. */
@Path("metrics")
@PublicEndpoint
public final class MetricsResource {
    private final MetricsCollector collector;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsResource(CoreServices services) {
        this.collector = new MetricsCollector(services);
    }

    @GET
    @Produces("text/plain")
    public Response scrape() {
        // Collected before the response starts, so that a failure is a problem response, not a cut body.
        MetricSnapshots snapshots = collector.collect();
        StreamingOutput body = output -> writer.write(output, snapshots);
        return Response.ok(body).header(HttpHeaders.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE).build();
    }
}
