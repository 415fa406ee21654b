using Crisis.CrisisCell.Incidents;
using Crisis.Detection.Buzz;
using Crisis.Ingestion.Charting;

namespace Crisis.Reporting.Measuring;

/// <summary>
/// Everything the KPIs and the post-mortem are computed from: the incident's events in stream order, the buzz events
/// of its episode in stream order, and the brand's curve around it. Gathered by <see cref="IncidentFactsReader"/>;
/// built by hand in the specs.
/// </summary>
public sealed record IncidentFacts(IReadOnlyList<IncidentEvent> Events, IReadOnlyList<BuzzEvent> BuzzEvents, BrandSeriesResult Series);

/// <summary>A window of time [From, To).</summary>
public sealed record TimeWindow(DateTimeOffset From, DateTimeOffset To);
