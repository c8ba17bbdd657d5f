// Opens a page in headless Chromium (Debian's, driven by puppeteer-core) and prints what it reports:
// node open_page.mjs URL [CHROMIUM]. Waits for window.finished (at most 3 minutes), then prints window.results, one
// line each, after the page's console messages and errors (prefixed "console:" and "page error:"), and last the HTTP
// versions of the responses from other origins than the page's, as DevTools saw them ("protocols: h2,http/1.1").
import puppeteer from "puppeteer-core";

const [url, chromium = "/usr/bin/chromium"] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  // --ignore-certificate-errors: the test servers' TLS certificates are self-signed; --disable-quic: loopback only.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--ignore-certificate-errors", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.on("console", (message) => console.log(`console: ${message.text()}`));
  page.on("pageerror", (error) => console.log(`page error: ${error.message}`));
  const protocols = new Set();
  const devtools = await page.createCDPSession();
  await devtools.send("Network.enable");
  devtools.on("Network.responseReceived", ({ response }) => {
    if (new URL(response.url).origin !== new URL(url).origin) {
      protocols.add(response.protocol);
    }
  });
  await page.goto(url);
  await page.waitForFunction("window.finished === true", { timeout: 180000 });
  console.log((await page.evaluate(() => window.results)).join("\n"));
  console.log(`protocols: ${[...protocols].sort().join(",")}`);
} finally {
  await browser.close();
}
