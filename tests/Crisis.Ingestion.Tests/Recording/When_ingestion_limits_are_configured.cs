using System.ComponentModel.DataAnnotations;
using Crisis.Ingestion.Recording;

namespace Crisis.Ingestion.Tests.Recording;

public class When_ingestion_limits_are_configured
{
    private static List<string?> Problems(IngestionLimits limits) =>
        [.. limits.Validate(new ValidationContext(limits)).Select(r => r.ErrorMessage)];

    [Test]
    public void The_defaults_are_valid() => Assert.That(Problems(new IngestionLimits()), Is.Empty);

    [Test]
    public void Every_setting_out_of_range_is_named()
    {
        var limits = new IngestionLimits { MaxBodyBytes = -1, MaxItemsPerBatch = 0, MaxClockSkew = TimeSpan.FromMinutes(-1) };

        var problems = string.Join("; ", Problems(limits));

        Assert.That(problems, Does.Contain("Ingestion:MaxBodyBytes").And.Contain("not -1")
            .And.Contain("Ingestion:MaxItemsPerBatch").And.Contain("Ingestion:MaxClockSkew"));
    }
}
