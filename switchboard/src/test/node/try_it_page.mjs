// The try-it page in a real browser (TryItPageIT): puppeteer-core drives Debian's Chromium through Swagger UI at
// {base}/docs — the operation opened by its deep link, "Try it out", the request body Swagger UI made from the
// schema's example with one field changed, "Execute" — and prints what the page shows of the response, with every
// request the page made elsewhere than the server (there must be none: the page works offline), as one JSON line.
// Arguments: the page's URL, the operation's deep link (tag/operationId), the field to set, its value, the screenshot.
import puppeteer from "puppeteer-core";

const [pageUrl, deepLink, field, value, screenshot] = process.argv.slice(2);
const origin = new URL(pageUrl).origin;
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60000); // a loaded CI machine: Swagger UI is 1.5 MB of script
  await page.setViewport({ width: 1280, height: 1600 });
  const elsewhere = [];
  page.on("request", request => {
    if (!request.url().startsWith(origin) && !request.url().startsWith("data:")) {
      elsewhere.push(request.url());
    }
  });
  await page.goto(`${pageUrl}#/${deepLink}`, { waitUntil: "networkidle0" });
  const operation = await page.waitForSelector(".opblock.is-open");
  await (await operation.waitForSelector(".try-out__btn")).click();
  const body = await operation.waitForSelector("textarea.body-param__text");
  const example = JSON.parse(await body.evaluate(textarea => textarea.value));
  example[field] = value;
  await body.click();
  await page.keyboard.down("Control");
  await page.keyboard.press("KeyA");
  await page.keyboard.up("Control");
  await page.keyboard.press("Backspace");
  await body.type(JSON.stringify(example));
  await (await operation.waitForSelector("button.execute")).click();
  const status = await operation.waitForSelector(".live-responses-table .response .response-col_status");
  const shown = await operation.waitForSelector(".live-responses-table .response .response-col_description pre");
  const result = {
    sent: example,
    status: (await status.evaluate(cell => cell.textContent)).trim(),
    body: await shown.evaluate(pre => pre.textContent),
    title: await page.title(),
    elsewhere,
  };
  await operation.evaluate(block => block.scrollIntoView());
  await page.screenshot({ path: screenshot });
  console.log("RESULT " + JSON.stringify(result));
} finally {
  await browser.close();
}
