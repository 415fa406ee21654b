using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Spectre.Console.Cli;

namespace Crisis.Cli.Connecting;

/// <summary>
/// <c>crisis connectors serve-feed --items ops/demo/press-feed.tsv --port 5092</c>: a local Atom news feed on loopback,
/// for trying the <c>rss</c> connector without the internet (the demo runs one). Each line of the items file is an
/// article at a number of minutes from the moment the feed starts: negative minutes are already published, positive ones
/// appear as time passes, so the connector sees news arrive live. Items file: tab-separated
/// <c>minutes, title, summary</c>, a header line first.
/// </summary>
public sealed class ServeFeedCommand : AsyncCommand<ServeFeedCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--items <FILE>")]
        [Description("Tab-separated articles: minutes from start (negative: already out), title, summary; a header line first.")]
        public string Items { get; init; } = "";

        [CommandOption("--port <PORT>")]
        [Description("Loopback port; the feed is at http://127.0.0.1:PORT/press.atom. Default: 5092.")]
        public int Port { get; init; } = 5092;

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Items) ? Spectre.Console.ValidationResult.Error("--items is required")
            : Port is < 1 or > 65535 ? Spectre.Console.ValidationResult.Error("--port must be between 1 and 65535")
            : Spectre.Console.ValidationResult.Success();
    }

    public sealed record Article(double Minutes, string Title, string Summary);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<Article> articles;
        try
        {
            articles = Read(settings.Items);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await Console.Error.WriteLineAsync($"crisis connectors serve-feed: {e.Message}");
            return 1;
        }
        using var listener = new HttpListener();
        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.Port}/"));
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            await Console.Error.WriteLineAsync($"crisis connectors serve-feed: cannot listen on 127.0.0.1:{settings.Port}: {e.Message} (another program holds the port? give --port)");
            return 1;
        }
        var started = DateTimeOffset.UtcNow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        using var registration = stop.Token.Register(listener.Stop);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[feed] serving {articles.Count} articles at http://127.0.0.1:{settings.Port}/press.atom, published from {started.AddMinutes(articles.Min(a => a.Minutes)):HH:mm}Z to {started.AddMinutes(articles.Max(a => a.Minutes)):HH:mm}Z"));
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext request;
            try
            {
                request = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                break;
            }
            using var response = request.Response;
            if (request.Request.HttpMethod != "GET" || request.Request.Url?.AbsolutePath != "/press.atom")
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                continue;
            }
            var body = Encoding.UTF8.GetBytes(Feed(articles, started, DateTimeOffset.UtcNow));
            response.ContentType = "application/atom+xml; charset=utf-8";
            await response.OutputStream.WriteAsync(body, stop.Token);
        }
        return 0;
    }

    /// <summary>The articles published by <paramref name="now"/>, newest first, as Atom 1.0.</summary>
    public static string Feed(IReadOnlyList<Article> articles, DateTimeOffset started, DateTimeOffset now)
    {
        var items = articles
            .Select((article, index) => (Article: article, Index: index, At: started.AddMinutes(article.Minutes)))
            .Where(a => a.At <= now).OrderByDescending(a => a.At)
            .Select(a => new SyndicationItem(a.Article.Title, a.Article.Summary, new Uri($"https://press.example/articles/{a.Index + 1}"),
                $"urn:crisis-demo:press:{started.ToUnixTimeSeconds()}:{a.Index + 1}", a.At) { PublishDate = a.At })
            .ToList();
        var feed = new SyndicationFeed("Demo press", "Articles of the Crisis demo", new Uri("https://press.example/"), "urn:crisis-demo:press", now, items);
        // Through a UTF-8 stream: a StringBuilder would declare the document UTF-16, and readers of the UTF-8 body refuse it.
        using var body = new MemoryStream();
        using (var writer = XmlWriter.Create(body, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return Encoding.UTF8.GetString(body.ToArray());
    }

    public static IReadOnlyList<Article> Read(string path)
    {
        var articles = new List<Article>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = lines[i].Split('\t');
            if (fields.Length != 3 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes))
            {
                throw new FormatException($"{path}:{i + 1}: expected 3 tab-separated fields: minutes (a number), title, summary");
            }
            articles.Add(new Article(minutes, fields[1], fields[2]));
        }
        if (articles.Count == 0) throw new FormatException($"{path}: no article");
        return articles;
    }
}
