// The landing page's demo in headless Chromium (Debian's, driven by puppeteer-core): node browser_demo.mjs URL.
// Types a name, presses SayHello over Connect, then SayHelloStream over gRPC-Web, and prints what the page shows
// after each ("connect: ..." and "grpc-web: ...", the page's lines joined with " | "), then the page's errors.
import puppeteer from "puppeteer-core";

const [url] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.log(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForSelector("#demo:not([hidden])", { timeout: 30000 });
  await page.$eval("#demo-name", (input) => (input.value = ""));
  await page.type("#demo-name", "Chromium");
  for (const [protocol, button] of [["connect", "#demo-say-hello"], ["grpc-web", "#demo-say-hello-stream"]]) {
    await page.select("#demo-protocol", protocol);
    await page.$eval("#demo-output", (output) => (output.textContent = ""));
    await page.click(button);
    await page.waitForFunction(() => /\(done\)|error:/.test(document.getElementById("demo-output").textContent),
      { timeout: 30000 });
    const shown = await page.$eval("#demo-output", (output) => output.textContent);
    console.log(`${protocol}: ${shown.split("\n").join(" | ")}`);
  }
} finally {
  await browser.close();
}
