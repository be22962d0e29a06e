// tactful pages: charts from the JSON embedded in the page, live updates over server-sent events.
(function () {
  "use strict";
  const COLORS = { positive: "#15803d", neutral: "#94a3b8", negative: "#dc2626" };
  const PALETTE = ["#1d4ed8", "#0891b2", "#7c3aed", "#db2777", "#ea580c", "#65a30d", "#475569", "#0d9488"];
  window.tactfulCharts = {};

  function readJson(id) {
    const el = document.getElementById(id);
    return el ? { data: JSON.parse(el.textContent), el: el } : null;
  }

  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: "bottom" } } }, config.options || {});
    window.tactfulCharts[id] = new Chart(canvas, config);
  }

  function sentimentBars(labels, sentiment, opts) {
    return { type: "bar", data: { labels: labels, datasets: ["positive", "neutral", "negative"].map(function (s) {
      return { label: s, data: sentiment[s], backgroundColor: COLORS[s] }; }) },
      options: Object.assign({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }, opts || {}) };
  }

  function dashboard(d) {
    const v = d.volume;
    const config = sentimentBars(v.labels, v.sentiment);
    config.data.datasets.push({ type: "line", label: "net sentiment", data: v.net_sentiment, yAxisID: "net",
      borderColor: "#1d4ed8", backgroundColor: "#1d4ed8", pointRadius: 2, tension: .25 });
    config.options.scales.net = { position: "right", min: -1, max: 1, grid: { drawOnChartArea: false } };
    chart("chart-volume", config);
    chart("chart-intent", { type: "doughnut", data: { labels: d.intent.labels,
      datasets: [{ data: d.intent.counts, backgroundColor: PALETTE }] }, options: { plugins: { legend: { position: "right" } } } });
    chart("chart-sov", sentimentBars(d.share_of_voice.labels, d.share_of_voice.sentiment, { indexAxis: "y",
      scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } }));
  }

  function insights(section, d) {
    if (section === "share-of-voice") chart("chart-sov", sentimentBars(d.labels, d.sentiment));
    if (section === "topics" && d.length) chart("chart-topics", sentimentBars(
      d.map(function (t) { return t.phrase; }),
      { positive: d.map(function (t) { return t.sentiment.positive; }),
        neutral: d.map(function (t) { return t.sentiment.neutral + t.sentiment.unanalysed; }),
        negative: d.map(function (t) { return t.sentiment.negative; }) },
      { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true, title: { display: true, text: "posts this week" } },
        y: { stacked: true } } }));
    if (section === "drivers") chart("chart-drivers", sentimentBars(d.labels, d.sentiment, { indexAxis: "y",
      scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } }));
  }

  function listenAlerts() {
    const list = document.getElementById("alerts");
    if (!list || !window.EventSource) return;
    const source = new EventSource("/events/alerts");
    source.addEventListener("alert", function (e) {
      const a = JSON.parse(e.data);
      if (a.kind === "none" || document.querySelector('[data-alert="' + a.id + '"]')) return;
      const li = document.createElement("li");
      li.dataset.alert = a.id;
      li.textContent = a.start.slice(0, 16).replace("T", " ") + " — " + a.summary;
      list.prepend(li);
    });
  }

  function listenInbox() {
    const status = document.getElementById("inbox-live");
    if (!status || !window.EventSource) return;
    let first = true;
    const source = new EventSource("/events/inbox");
    source.addEventListener("inbox", function (e) {
      const s = JSON.parse(e.data);
      if (first) { first = false; status.textContent = "Live: " + (s.counts.new || 0) + " new"; return; }
      status.innerHTML = "";
      const a = document.createElement("a");
      a.href = window.location.href; a.textContent = "The inbox changed (" + (s.counts.new || 0) + " new): refresh";
      status.appendChild(a);
    });
  }

  function suggestions() {
    document.querySelectorAll("button.suggestion").forEach(function (b) {
      b.addEventListener("click", function () {
        const box = document.getElementById("reply-text");
        box.value = b.dataset.text; box.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const dash = readJson("dashboard-data");
    if (dash) dashboard(dash.data);
    const ins = readJson("insights-data");
    if (ins) insights(ins.el.dataset.section, ins.data);
    listenAlerts();
    listenInbox();
    suggestions();
  });
})();
