using Crisis.Detection.Detecting;
using Microsoft.Extensions.Configuration;

namespace Crisis.Detection.Monitoring;

public static class MonitorSettings
{
    /// <summary>
    /// Reads <c>Detection:AllowedLateness</c>, <c>Detection:BacklogLag</c>, <c>Detection:EvidenceBuckets</c> and, when <c>Detection:OptionsFile</c>
    /// names one, the detector options JSON (the same file <c>crisis evaluate --config</c> takes).
    /// </summary>
    public static MonitorOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(MonitorOptions.Section);
        var defaults = new MonitorOptions();
        var detector = section["OptionsFile"] is { Length: > 0 } file ? DetectorOptions.Load(file) : defaults.Detector;
        return defaults with
        {
            Detector = detector,
            AllowedLateness = section.GetValue("AllowedLateness", defaults.AllowedLateness),
            BacklogLag = section.GetValue("BacklogLag", defaults.BacklogLag),
            EvidenceBuckets = section.GetValue("EvidenceBuckets", defaults.EvidenceBuckets),
        };
    }
}
