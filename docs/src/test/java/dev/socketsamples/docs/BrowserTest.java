package dev.socketsamples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens every built page in headless Chromium, on a phone's width, a small laptop's and a desktop's, as a reader would, and fails
 * on what a reader would suffer: console or code text too faint to read (on screen and in print), a page
 * wider than the window or a table cut off, a long code line wrapped back to column 0, an image or diagram
 * that does not load, a JavaScript error.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromium-driver} (.ci/run installs them); where they are
 * missing it says so in one line and is skipped. {@code -Ddocs.screenshots=DIR} also saves a full-page
 * screenshot of each page at each width.
 */
class BrowserTest {

    private static final List<Path> BROWSERS = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** WCAG 2 level AA for body text. */
    private static final double MINIMUM_CONTRAST = 4.5;
    private static final int SLICE = 1400;

    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void startChromium() throws IOException {
        Optional<Path> binary = BROWSERS.stream().filter(Files::isExecutable).findFirst();
        if (binary.isEmpty() || !Files.isExecutable(DRIVER)) {
            System.out.println("BrowserTest skipped: no Chromium here (apt-get install chromium chromium-driver)");
            Assumptions.abort("no chromium and chromedriver");
        }
        // Selenium reports through java.util.logging; the build's console is for failures only.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        profile = Files.createTempDirectory("docs-browser-profile");
        ChromeOptions options = new ChromeOptions().setBinary(binary.get().toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    static Stream<Arguments> pagesAndWidths() throws IOException {
        Path site = Path.of(System.getProperty("docs.output"));
        try (Stream<Path> files = Files.walk(site)) {
            List<Path> pages = files.filter(file -> file.toString().endsWith(".html") && !isDeck(site, file))
                    .sorted().toList();
            // The editions share the English pages' style and shape (EditionsTest): a phone's width, where their
            // longer words and other scripts would first overflow, is enough for them.
            return pages.stream().flatMap(page -> (isEdition(site, page) ? Stream.of(390) : Stream.of(390, 1024, 1280))
                    .map(width -> Arguments.of(page, width)));
        }
    }

    /** The decks under slides/ are shown, not scrolled: {@link #aTeacherCanShowEveryDeck} checks them. */
    static boolean isDeck(Path site, Path page) {
        return site.relativize(page).getName(0).toString().equals("slides");
    }

    static Stream<Path> decks() throws IOException {
        Path site = Path.of(System.getProperty("docs.output"));
        try (Stream<Path> files = Files.walk(site.resolve("slides"))) {
            List<Path> decks = files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
            assertThat(decks).as("decks in %s", site.resolve("slides")).hasSize(3 * 6);
            return decks.stream();
        }
    }

    private static boolean isEdition(Path site, Path page) {
        return EditionsTest.EDITIONS.contains(site.relativize(page).getName(0).toString());
    }

    // tag::browser[]
    @ParameterizedTest(name = "{0} at {1} px")
    @MethodSource("pagesAndWidths")
    void aReaderCanReadEveryPage(Path page, int width) {
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.get(page.toUri().toString());
        List<String> problems = new ArrayList<>();
        problems.addAll(check("faintText", "screen"));
        problems.addAll(check("wideElements"));
        problems.addAll(check("wrappingCode"));
        problems.addAll(check("brokenImages"));
        if (width >= WIDE) {
            problems.addAll(check("scrollingBlocks"));
        }
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        problems.addAll(check("faintText", "print").stream().map(problem -> "in print: " + problem).toList());
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add("console error: " + entry.getMessage());
            }
        }
        saveScreenshot(page, width, "");
        assertThat(problems).as("%s at %d px", page.getFileName(), width).isEmpty();
    }
    // end::browser[]

    // tag::decks[]
    /**
     * A deck on a projector's 1280 by 720: reveal.js starts, every slide can be reached, the last one too, and
     * no slide holds more than fits, nor a picture that does not show, nor a line of code cut at the edge.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("decks")
    void aTeacherCanShowEveryDeck(Path deck) {
        browser.get(deck.toUri().toString());
        // The window's size includes its frame: make the page itself the projector's size.
        browser.manage().window().setSize(new Dimension(DECK_WIDTH, DECK_HEIGHT));
        long frameWidth = DECK_WIDTH - ((Number) script("return window.innerWidth")).longValue();
        long frameHeight = DECK_HEIGHT - ((Number) script("return window.innerHeight")).longValue();
        browser.manage().window().setSize(new Dimension(DECK_WIDTH + (int) frameWidth, DECK_HEIGHT + (int) frameHeight));
        assertThat(script("return window.innerWidth + 'x' + window.innerHeight"))
                .isEqualTo(DECK_WIDTH + "x" + DECK_HEIGHT);
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(
                script("return typeof Reveal !== 'undefined' && Reveal.isReady()")));
        long slides = ((Number) script("return Reveal.getTotalSlides()")).longValue();
        assertThat(slides).as("slides in %s", deck.getFileName()).isGreaterThan(1);
        List<String> problems = new ArrayList<>();
        problems.addAll(check("brokenImages"));
        problems.addAll(check("faintText", "screen"));
        for (int slide = 0; slide < slides; slide++) {
            script("Reveal.slide(arguments[0])", slide);
            problems.addAll(check("overflowingSlide"));
            saveScreenshot(deck, DECK_WIDTH, "-%02d".formatted(slide));
        }
        assertThat(script("return Reveal.isLastSlide()")).as("the last slide of %s is reached", deck.getFileName())
                .isEqualTo(true);
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add("console error: " + entry.getMessage());
            }
        }
        assertThat(problems).as("%s", deck).isEmpty();
    }
    // end::decks[]

    private static Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Runs one function of {@link #CHECKS} on the open page; each returns a list of problems. */
    @SuppressWarnings("unchecked")
    private static List<String> check(String function, Object... arguments) {
        Object result = ((JavascriptExecutor) browser).executeScript(
                CHECKS + "\nreturn " + function + ".apply(null, arguments);", arguments);
        return (List<String>) result;
    }

    /** Saves the whole page in slices of {@link #SLICE} pixels: page-390-00.png, page-390-01.png... */
    private static void saveScreenshot(Path page, int width, String suffix) {
        String directory = System.getProperty("docs.screenshots");
        if (directory == null || directory.isBlank()) {
            return;
        }
        long height = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight")).longValue();
        String name = Path.of(System.getProperty("docs.output")).relativize(page).toString()
                .replace(".html", "").replace('/', '-');
        for (int slice = 0; slice * SLICE < height; slice++) {
            long top = (long) slice * SLICE;
            Map<String, Object> clip = Map.of("x", 0, "y", top, "width", width,
                    "height", Math.min(SLICE, height - top), "scale", 1);
            String png = (String) browser.executeCdpCommand("Page.captureScreenshot",
                    Map.of("captureBeyondViewport", true, "clip", clip)).get("data");
            try {
                Path target = Path.of(directory).resolve("%s%s-%d-%02d.png".formatted(name, suffix, width, slice));
                Files.createDirectories(target.getParent());
                Files.write(target, Base64.getDecoder().decode(png));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** From this width up, nothing scrolls sideways. */
    private static final int WIDE = 1280;
    /** A projector's window, the size the decks are laid out for (revealjs_width and _height). */
    private static final int DECK_WIDTH = 1280;
    private static final int DECK_HEIGHT = 720;

    private static final String CHECKS = """
            function rgba(css) {
              const parts = css.match(/[\\d.]+/g).map(Number);
              return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
            }
            function luminance(c) {
              const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
            }
            function over(top, bottom) {
              const mix = (t, b) => t * top.a + b * (1 - top.a);
              return {r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1};
            }
            // The colour behind an element: its own background, or its ancestors'. Paper is white, and a
            // printed page has no backgrounds unless a rule asks for them to be printed exactly.
            function background(element, media) {
              const layers = [];
              for (let e = element; e; e = e.parentElement) {
                const style = getComputedStyle(e);
                if (media === 'print' && style.printColorAdjust !== 'exact') continue;
                const colour = rgba(style.backgroundColor);
                if (colour.a > 0) layers.push(colour);
                if (colour.a === 1) break;
              }
              return layers.reverse().reduce((below, layer) => over(layer, below), {r: 255, g: 255, b: 255, a: 1});
            }
            // Every piece of text in a code or console block, against what is behind it; one problem per pair
            // of colours, with an example of the text.
            function faintText(media) {
              const faint = new Map();
              for (const pre of document.querySelectorAll('pre')) {
                const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const element = node.parentElement;
                  if (!node.textContent.trim()) continue;
                  const back = background(element, media);
                  const colour = getComputedStyle(element).color;
                  const text = over(rgba(colour), back);
                  const [light, dark] = [luminance(text), luminance(back)].sort((a, b) => b - a);
                  const ratio = (light + 0.05) / (dark + 0.05);
                  const key = colour + ' on rgb(' + [back.r, back.g, back.b].map(Math.round) + ')';
                  if (ratio < %s && !faint.has(key)) {
                    faint.set(key, 'contrast ' + ratio.toFixed(2) + ':1, ' + key + ', as in "'
                        + node.textContent.trim().slice(0, 40) + '"');
                  }
                }
              }
              return [...faint.values()];
            }
            // Anything that reaches past the right edge of the window, or is cut off by a box that hides its
            // overflow; inside a box that scrolls sideways by design (a code block, a wide table) is fine.
            function wideElements() {
              const problems = [];
              const limit = document.documentElement.clientWidth;
              for (const element of document.body.querySelectorAll('*')) {
                if (element.closest('svg') && element.tagName.toLowerCase() !== 'svg') continue;
                const box = element.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) continue;
                let container = element.parentElement;
                while (container && getComputedStyle(container).overflowX === 'visible') container = container.parentElement;
                const overflow = container ? getComputedStyle(container).overflowX : 'visible';
                const where = '<' + element.tagName.toLowerCase() + ' class="' + element.className + '"> '
                    + (element.textContent || '').trim().slice(0, 40);
                if (overflow === 'auto' || overflow === 'scroll') {
                  if (container.getBoundingClientRect().right > limit + 1) problems.push('a scroll box wider than the window: ' + where);
                } else if (container && box.right > container.getBoundingClientRect().right + 1) {
                  problems.push('cut off at ' + Math.round(container.getBoundingClientRect().right) + ' px: ' + where);
                } else if (box.right > limit + 1) {
                  problems.push('wider than the window (' + Math.round(box.right) + ' > ' + limit + ' px): ' + where);
                }
              }
              return problems.slice(0, 5);
            }
            // A long line of code that wraps starts again at column 0, where it reads as a line of its own:
            // code scrolls sideways instead (and fits from 1280 px up).
            function wrappingCode() {
              const problems = [];
              for (const pre of document.querySelectorAll('pre')) {
                if (pre.closest('.console')) continue; // console output wraps, as a terminal does
                const whiteSpace = getComputedStyle(pre).whiteSpace;
                if (whiteSpace !== 'pre' && whiteSpace !== 'nowrap') {
                  problems.push('a block that wraps its long lines (white-space: ' + whiteSpace + '): '
                      + pre.textContent.trim().slice(0, 40));
                }
              }
              return problems.slice(0, 3);
            }
            // On a wide screen every listing, console block and table fits its column: none scrolls sideways.
            function scrollingBlocks() {
              const problems = [];
              for (const block of document.querySelectorAll('pre, table.tableblock')) {
                if (block.scrollWidth > block.clientWidth + 1) {
                  problems.push('scrolls sideways (' + block.scrollWidth + ' > ' + block.clientWidth + ' px): <'
                      + block.tagName.toLowerCase() + '> ' + block.textContent.trim().slice(0, 50));
                }
              }
              return problems;
            }
            // The slide on show holds more than reveal.js's canvas, which it would cut off, or a block whose
            // lines are wider than the slide, which no one can scroll on a projector.
            function overflowingSlide() {
              const problems = [];
              const slide = Reveal.getCurrentSlide();
              const config = Reveal.getConfig();
              const where = 'slide ' + (Reveal.getIndices().h + 1) + ' (' + (slide.querySelector('h1, h2, h3') || slide)
                  .textContent.trim().slice(0, 40) + ')';
              if (slide.scrollHeight > config.height + 1) {
                problems.push(where + ' is taller than the slide: ' + slide.scrollHeight + ' > ' + config.height + ' px');
              }
              if (slide.scrollWidth > config.width + 1) {
                problems.push(where + ' is wider than the slide: ' + slide.scrollWidth + ' > ' + config.width + ' px');
              }
              for (const block of slide.querySelectorAll('pre, pre code, table')) {
                if (block.scrollWidth > block.clientWidth + 1 || block.scrollHeight > block.clientHeight + 1) {
                  problems.push(where + ': a block cut off (' + block.scrollWidth + 'x' + block.scrollHeight + ' in '
                      + block.clientWidth + 'x' + block.clientHeight + ' px): ' + block.textContent.trim().slice(0, 40));
                }
              }
              for (const svg of slide.querySelectorAll('svg')) {
                const box = svg.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) problems.push(where + ': a picture with no size');
              }
              return problems;
            }
            function brokenImages() {
              const problems = [];
              for (const image of document.images) {
                if (!image.complete || image.naturalWidth === 0) problems.push('image not loaded: ' + image.src);
              }
              for (const object of document.querySelectorAll('object')) {
                if (!object.contentDocument) problems.push('object not loaded: ' + object.data);
              }
              return problems;
            }
            """.formatted(MINIMUM_CONTRAST);
}
