using Crisis.Detection.Detecting;
using Crisis.Detection.Signals;

namespace Crisis.Detection.Tests.Signals;

public class When_answers_form_threads
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ThreadAnswer Answer(string post, string parent, string author, bool? negative = true, int second = 0) =>
        new(post, parent, author, negative, T0.AddSeconds(second));

    [Test]
    public void An_answer_to_an_answer_joins_the_thread_of_the_first_post()
    {
        var tracker = new ThreadTracker();
        tracker.Add(0, [Answer("x:2", "x:1", "a"), Answer("x:3", "x:2", "b", second: 1)]);
        tracker.Add(1, [Answer("x:4", "x:3", "c", negative: false)]);

        var (root, thread) = tracker.Hottest()!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(root, Is.EqualTo("x:1"));
            Assert.That(thread.Authors, Is.EqualTo(3));
            Assert.That(thread.Negative, Is.EqualTo(2));
            Assert.That(thread.Scored, Is.EqualTo(3));
            Assert.That(thread.FirstBucket, Is.EqualTo(0));
            Assert.That(tracker.Threads, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void The_same_author_answering_twice_counts_once()
    {
        var tracker = new ThreadTracker();
        tracker.Add(0, [Answer("x:2", "x:1", "a"), Answer("x:3", "x:1", "a", second: 5)]);
        Assert.That(tracker.Hottest()!.Value.Thread.Authors, Is.EqualTo(1));
    }

    [Test]
    public void A_paged_thread_is_spent_and_the_next_largest_is_offered()
    {
        var tracker = new ThreadTracker();
        tracker.Add(0, [Answer("x:2", "x:1", "a"), Answer("x:3", "x:1", "b"), Answer("y:2", "y:1", "c")]);
        tracker.MarkPaged("x:1");
        Assert.That(tracker.Hottest()!.Value.Root, Is.EqualTo("y:1"));
    }

    [Test]
    public void A_quiet_thread_is_forgotten_and_teaches_the_brand_its_ordinary_crowd()
    {
        var tracker = new ThreadTracker { Window = 60 };
        tracker.Add(0, Enumerable.Range(0, 12).Select(i => Answer($"x:{i + 2}", "x:1", $"author{i}")));
        tracker.Forget(59);
        Assert.That(tracker.Threads, Has.Count.EqualTo(1), "still within the window");
        tracker.Forget(60);
        Assert.Multiple(() =>
        {
            Assert.That(tracker.Threads, Is.Empty);
            Assert.That(tracker.Links, Is.Empty);
            Assert.That(tracker.OrdinaryLargest, Is.EqualTo(12).Within(0.01));
        });
    }

    [Test]
    public void Remembered_answers_are_bounded()
    {
        var tracker = new ThreadTracker();
        tracker.Add(0, Enumerable.Range(0, ThreadTracker.MaxLinks + 100).Select(i => Answer($"x:a{i}", $"x:p{i}", "a")));
        Assert.That(tracker.Links, Has.Count.EqualTo(ThreadTracker.MaxLinks));
    }
}

public class When_a_thread_is_weighed
{
    private static readonly DetectorOptions Options = DetectorOptions.Default;

    private static double Level(int authors, int scored, int negative, double baseline = 0.4, double ordinaryLargest = 0) =>
        ThreadEvidence.Level(new ThreadSignal(0, authors, scored, negative, ordinaryLargest), baseline, Options);

    [Test]
    public void A_crowd_of_complaints_pages()
    {
        // 40 answers, 30 negative, on a brand whose talk is 40 % negative.
        Assert.That(Level(40, 40, 30), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void A_crowd_in_the_brands_usual_tone_does_not_page_however_large()
    {
        Assert.That(Level(64, 200, 80), Is.EqualTo(0));
    }

    [Test]
    public void A_campaign_post_shared_in_praise_does_not_page()
    {
        Assert.That(Level(64, 300, 30), Is.EqualTo(0));
    }

    [Test]
    public void A_few_angry_answers_are_not_yet_a_cascade()
    {
        Assert.That(Level(Options.ThreadMinimumAuthors - 1, 20, 20), Is.EqualTo(0));
    }

    [Test]
    public void A_brand_whose_posts_draw_crowds_needs_a_larger_one()
    {
        var options = Options with { ThreadSizeRatio = 2 };
        var signal = new ThreadSignal(0, 30, 30, 28, OrdinaryLargest: 20);
        Assert.Multiple(() =>
        {
            Assert.That(ThreadEvidence.Level(signal, 0.4, options), Is.EqualTo(0));
            Assert.That(ThreadEvidence.Level(signal with { Authors = 41 }, 0.4, options), Is.GreaterThanOrEqualTo(1));
        });
    }
}
