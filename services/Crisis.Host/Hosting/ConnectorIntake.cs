using Crisis.Connectors.Running;
using Crisis.Contracts.Mentions;
using Crisis.Ingestion.Recording;

namespace Crisis.Host.Hosting;

/// <summary>
/// Connectors feed the one intake path in process: the same validation, scoring and deduplication by platform and post
/// id as the HTTP and bus intakes, returning once committed. The connector's organisation is passed as the HTTP intake
/// passes an API key's, so a mention of another organisation's brand is rejected like an unregistered one.
/// </summary>
public sealed class ConnectorIntake(MentionRecorder recorder) : IMentionIntake
{
    public async Task<IntakeOutcome> RecordAsync(string organisation, IReadOnlyList<MentionObserved> mentions, CancellationToken cancellationToken)
    {
        var items = mentions.Select((m, i) => IntakeItem.Parsed(i + 1, m)).ToList();
        var report = await recorder.RecordAsync(items, organisation, cancellationToken);
        var problems = report.Errors
            .Select(e => $"{mentions[e.Line - 1].Platform} post {mentions[e.Line - 1].PostId} for brand {mentions[e.Line - 1].BrandId}: {e.Field} {e.Reason}")
            .ToList();
        return new IntakeOutcome(report.Accepted, report.Duplicate, report.Rejected, problems);
    }
}

public static class ConnectorIntakeRegistration
{
    public static IServiceCollection AddConnectorIntake(this IServiceCollection services) =>
        services.AddSingleton<IMentionIntake, ConnectorIntake>();
}
