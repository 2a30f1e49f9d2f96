package dev.paperdigest.matching;

import org.apache.lucene.analysis.en.EnglishAnalyzer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark workload of docs/PERFORMANCE.md, generated deterministically (fixed seed) from the
 * 503 seed papers: the day's 2,000 papers and N subscribers with 1 to 5 subscriptions each.
 */
final class BenchmarkWorkload {

    /** One subscription of subscriber number {@code subscriber}; {@code liked} only for {@link QueryKind#SIMILAR}. */
    record Subscription(long id, int subscriber, QueryKind kind, String text, LikedPaper liked) {
        Subscription(long id, int subscriber, QueryKind kind, String text) {
            this(id, subscriber, kind, text, null);
        }

        Query query() {
            return new Query(kind, text, liked);
        }
    }

    /**
     * Share of subscribers who also follow papers like 1 to 3 they liked: 5%, or
     * {@code -Dbench.liking=0} for the workload before such subscriptions existed.
     */
    static final double LIKING = Double.parseDouble(System.getProperty("bench.liking", "0.05"));

    static final long SEED = 20260101L;
    static final int DAY_SIZE = 2000;

    /** arXiv's computer-science mix, in percent of primary categories. */
    private static final Map<String, Double> CATEGORY_MIX = categoryMix();

    private static final List<String> FIRST_NAMES = List.of(
            "Aarav",
            "Abigail",
            "Adrian",
            "Ahmed",
            "Aiko",
            "Alejandro",
            "Alice",
            "Amara",
            "Amir",
            "Ana",
            "Andrea",
            "Anika",
            "Anton",
            "Aria",
            "Arjun",
            "Astrid",
            "Ayumi",
            "Bao",
            "Beatriz",
            "Benjamin",
            "Bilal",
            "Bjorn",
            "Camila",
            "Carlos",
            "Chen",
            "Chiara",
            "Chloe",
            "Daniel",
            "Dario",
            "Deepa",
            "Diego",
            "Dmitri",
            "Elena",
            "Elif",
            "Emeka",
            "Emma",
            "Erik",
            "Esther",
            "Fatima",
            "Felix",
            "Fernando",
            "Freya",
            "Gabriel",
            "Giulia",
            "Hana",
            "Hannah",
            "Haruto",
            "Hector",
            "Helena",
            "Hiroshi",
            "Ibrahim",
            "Ines",
            "Ingrid",
            "Isaac",
            "Ivan",
            "Jakub",
            "Javier",
            "Jia",
            "Jonas",
            "Jorge",
            "Julia",
            "Kai",
            "Kaito",
            "Karim",
            "Katarzyna",
            "Kenji",
            "Kirill",
            "Laila",
            "Lars",
            "Leila",
            "Leon",
            "Lucia",
            "Luis",
            "Maja",
            "Malik",
            "Marco",
            "Maria",
            "Mateo",
            "Mei",
            "Mihai",
            "Min-jun",
            "Mohammed",
            "Nadia",
            "Naomi",
            "Nikolai",
            "Nils",
            "Noor",
            "Olga",
            "Omar",
            "Oscar",
            "Paolo",
            "Pedro",
            "Priya",
            "Rafael",
            "Rahul",
            "Ravi",
            "Rin",
            "Rosa",
            "Ruslan",
            "Saanvi",
            "Sakura",
            "Samuel",
            "Sara",
            "Seo-yeon",
            "Sergio",
            "Shreya",
            "Sofia",
            "Soren",
            "Sven",
            "Tariq",
            "Thiago",
            "Tomas",
            "Valentina",
            "Vikram",
            "Wei",
            "Xin",
            "Yara",
            "Yusuf",
            "Zara",
            "Zoe");
    private static final String[] SYLLABLES = {
        "ka", "lo", "ran", "ber", "vi", "ston", "mer", "ta", "gan", "der", "ri", "sel", "mo", "ven", "ash", "tor", "li",
        "dor", "na", "bro", "chi", "well", "pa", "rud", "ze", "lin", "ko", "fen"
    };

    final List<MatchablePaper> papers;
    final List<String> seedAuthors;
    final List<String> vocabulary;
    final List<String> phrases;
    final List<String> broadCategories;
    private final double[] vocabularyCdf;
    private final double[] phraseCdf;
    private final List<String> surnames;

    private BenchmarkWorkload(
            List<MatchablePaper> papers,
            List<String> seedAuthors,
            List<String> vocabulary,
            List<String> phrases,
            List<String> broadCategories,
            List<String> surnames) {
        this.papers = papers;
        this.seedAuthors = seedAuthors;
        this.vocabulary = vocabulary;
        this.phrases = phrases;
        this.broadCategories = broadCategories;
        this.surnames = surnames;
        this.vocabularyCdf = uniformCdf(vocabulary.size());
        this.phraseCdf = uniformCdf(phrases.size());
    }

    private static Map<String, Double> categoryMix() {
        Map<String, Double> mix = new LinkedHashMap<>();
        mix.put("cs.LG", 25.0);
        mix.put("cs.CV", 20.0);
        mix.put("cs.CL", 15.0);
        mix.put("cs.AI", 10.0);
        List<String> rest = ArxivCategories.all().keySet().stream()
                .filter(c -> c.startsWith("cs.") && !mix.containsKey(c))
                .toList();
        for (String c : rest) {
            mix.put(c, 30.0 / rest.size());
        }
        return mix;
    }

    static BenchmarkWorkload generate() {
        Random random = new Random(SEED);
        List<MatchablePaper> seeds = SeedPapers.all();
        List<String> seedAuthors = seeds.stream()
                .flatMap(p -> p.authors().stream())
                .distinct()
                .sorted()
                .toList();
        List<String> surnames = generatedSurnames(random, 2000);

        List<MatchablePaper> papers = new ArrayList<>(DAY_SIZE);
        for (int i = 0; i < DAY_SIZE; i++) {
            MatchablePaper seed = seeds.get(i % seeds.size());
            List<String> authors = seed.authors();
            if (authors.isEmpty()) {
                Set<String> names = new LinkedHashSet<>();
                for (int n = 3 + random.nextInt(6); names.size() < n; ) {
                    names.add(
                            random.nextInt(3) == 0
                                    ? seedAuthors.get(random.nextInt(seedAuthors.size()))
                                    : generatedName(random, surnames));
                }
                authors = List.copyOf(names);
            }
            List<String> categories = new ArrayList<>();
            categories.add(
                    seed.categories().isEmpty()
                            ? drawCategory(random)
                            : seed.categories().get(0));
            if (random.nextInt(3) == 0) {
                String second = drawCategory(random);
                while (second.equals(categories.get(0))) {
                    second = drawCategory(random);
                }
                categories.add(second);
            }
            papers.add(new MatchablePaper(i + 1, seed.title(), seed.abstractText(), authors, List.copyOf(categories)));
        }

        // words and two-word phrases whose document frequency in the seed corpus lies in [0.1%, 3%]
        Pattern word = Pattern.compile("[A-Za-z][A-Za-z-]*[A-Za-z]");
        Map<String, Integer> df = new TreeMap<>();
        Map<String, Integer> bigramDf = new TreeMap<>();
        for (MatchablePaper seed : seeds) {
            String text = (seed.title() == null ? "" : seed.title() + ". ") + seed.abstractText();
            Set<String> words = new LinkedHashSet<>();
            Set<String> bigrams = new LinkedHashSet<>();
            String previous = null;
            int previousEnd = -1;
            Matcher m = word.matcher(text);
            while (m.find()) {
                String w = m.group().toLowerCase(Locale.ROOT);
                boolean usable =
                        w.length() >= 4 && !w.contains("-") && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w);
                if (usable) {
                    words.add(w);
                    if (previous != null
                            && text.substring(previousEnd, m.start()).equals(" ")) {
                        bigrams.add(previous + " " + w);
                    }
                }
                previous = usable ? w : null;
                previousEnd = m.end();
            }
            words.forEach(w -> df.merge(w, 1, Integer::sum));
            bigrams.forEach(b -> bigramDf.merge(b, 1, Integer::sum));
        }
        int max = (int) Math.floor(0.03 * seeds.size());
        int min = Math.max(1, (int) Math.ceil(0.001 * seeds.size()));
        List<String> vocabulary = byPopularity(df, min, max);
        List<String> phrases = byPopularity(bigramDf, Math.max(2, min), max);

        // category subscriptions: the categories that are broad on this day (2% to 25% of papers)
        Map<String, Integer> perCategory = new TreeMap<>();
        papers.forEach(p -> p.categories().forEach(c -> perCategory.merge(c, 1, Integer::sum)));
        List<String> broad = perCategory.entrySet().stream()
                .filter(e -> e.getValue() >= 0.02 * DAY_SIZE && e.getValue() <= 0.25 * DAY_SIZE)
                .map(Map.Entry::getKey)
                .toList();
        return new BenchmarkWorkload(List.copyOf(papers), seedAuthors, vocabulary, phrases, broad, surnames);
    }

    /** Most frequent first, then alphabetical: a fixed order for the fixed seed. */
    private static List<String> byPopularity(Map<String, Integer> df, int min, int max) {
        return df.entrySet().stream()
                .filter(e -> e.getValue() >= min && e.getValue() <= max)
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Uniform draws: the workload asks for words "drawn from" the frequency band, nothing more (docs/PERFORMANCE.md). */
    private static double[] uniformCdf(int n) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0;
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static String draw(Random random, List<String> items, double[] cdf) {
        int at = Arrays.binarySearch(cdf, random.nextDouble());
        return items.get(Math.min(items.size() - 1, at < 0 ? -at - 1 : at));
    }

    private static String drawCategory(Random random) {
        double r = random.nextDouble() * 100;
        for (Map.Entry<String, Double> e : CATEGORY_MIX.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        return "cs.LG";
    }

    private static List<String> generatedSurnames(Random random, int n) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < n) {
            StringBuilder s = new StringBuilder();
            for (int k = 2 + random.nextInt(2); k > 0; k--) {
                s.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            names.add(Character.toUpperCase(s.charAt(0)) + s.substring(1));
        }
        return List.copyOf(names);
    }

    private static String generatedName(Random random, List<String> surnames) {
        return FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + " "
                + surnames.get(random.nextInt(surnames.size()));
    }

    /**
     * N subscribers with 1 to 5 subscriptions (mean 2.5): 60% keywords, 30% authors, 10% categories;
     * and {@link #LIKING} of them also like 1 to 3 papers, drawn from the seed papers (drawn apart,
     * so the other subscriptions are those of workloads before liked papers existed).
     */
    List<Subscription> subscriptions(int subscribers) {
        Random random = new Random(SEED + subscribers);
        Random liking = new Random(SEED + 31L * subscribers);
        List<Subscription> queries = new ArrayList<>((int) (subscribers * 2.6));
        long id = 1;
        for (int s = 0; s < subscribers; s++) {
            double r = random.nextDouble();
            int count = r < 0.30 ? 1 : r < 0.55 ? 2 : r < 0.75 ? 3 : r < 0.90 ? 4 : 5;
            for (int q = 0; q < count; q++) {
                double kind = random.nextDouble();
                if (kind < 0.6) {
                    queries.add(new Subscription(id++, s, QueryKind.KEYWORD, keyword(random)));
                } else if (kind < 0.9) {
                    queries.add(new Subscription(id++, s, QueryKind.AUTHOR, author(random)));
                } else {
                    queries.add(new Subscription(
                            id++, s, QueryKind.CATEGORY, broadCategories.get(random.nextInt(broadCategories.size()))));
                }
            }
            if (liking.nextDouble() < LIKING) {
                Set<Integer> liked = new LinkedHashSet<>();
                for (int n = 1 + liking.nextInt(3); liked.size() < n; ) {
                    liked.add(liking.nextInt(SeedPapers.all().size()));
                }
                for (int seed : liked) {
                    queries.add(likedSeed(id++, s, seed));
                }
            }
        }
        return queries;
    }

    /**
     * Liking seed paper {@code seed}: the day's paper {@code seed + 1} is its first copy, so the
     * liked paper is known by that paper's arXiv id in the workload files ({@link WorkloadFiles}).
     */
    private Subscription likedSeed(long id, int subscriber, int seed) {
        MatchablePaper paper = papers.get(seed);
        return new Subscription(
                id,
                subscriber,
                QueryKind.SIMILAR,
                arxivId(paper.id()),
                new LikedPaper(paper.id(), paper.title(), paper.abstractText()));
    }

    /** The arXiv id the workload files give the day's paper {@code id}. */
    static String arxivId(long id) {
        return String.format(Locale.ROOT, "2612.%05d", id);
    }

    /** The subscriptions grouped per subscriber, as each one's list of queries. */
    static List<List<Query>> bySubscriber(List<Subscription> subscriptions, int subscribers) {
        List<List<Query>> people = new ArrayList<>(subscribers);
        for (int i = 0; i < subscribers; i++) {
            people.add(new ArrayList<>(3));
        }
        subscriptions.forEach(s -> people.get(s.subscriber()).add(s.query()));
        return people;
    }

    private String keyword(Random random) {
        double r = random.nextDouble();
        if (r < 0.30) {
            return "\"" + draw(random, phrases, phraseCdf) + "\"";
        }
        int words = r < 0.65 ? 1 : r < 0.90 ? 2 : 3;
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < words) {
            chosen.add(draw(random, vocabulary, vocabularyCdf));
        }
        return String.join(" ", chosen);
    }

    private String author(Random random) {
        if (random.nextInt(3) == 0) {
            String name = seedAuthors.get(random.nextInt(seedAuthors.size()));
            // a quarter of followers write the first name as an initial
            if (random.nextInt(4) == 0 && name.indexOf(' ') > 0) {
                name = name.charAt(0) + "." + name.substring(name.lastIndexOf(' '));
            }
            return name;
        }
        return generatedName(random, surnames);
    }
}
