// The playground page: draws the chats from the server's events and sends what people do.
// Plain browser JavaScript, no build step and nothing loaded from elsewhere.
"use strict";

const state = { last: 0, bot: "", people: [], group: null, panes: new Map(), playing: false, jumps: 0 };
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// ---- talking to the server ------------------------------------------------------------------

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function say(text) {
  document.getElementById("status").textContent = text || "";
}

// ---- times, shown as the wall clock of the playground's time zone ----------------------------

function day(iso) {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

function clockText(iso) {
  return `${day(iso)}, ${iso.slice(11, 16)}`;
}

function showClock(clock) {
  if (!clock) return;
  document.getElementById("clock").textContent = `🕒 ${clockText(clock.now)}`;
  const info = document.getElementById("next-info");
  const next = document.getElementById("next");
  if (clock.next) {
    info.textContent = `Next: ${clockText(clock.next.at)}, ${clock.next.what}`;
    next.disabled = false;
  } else {
    info.textContent = "Nothing scheduled";
    next.disabled = true;
  }
}

// ---- Telegram's HTML, drawn safely ------------------------------------------------------------

const TAGS = {
  b: "b", strong: "b", i: "i", em: "i", u: "u", ins: "u", s: "s", strike: "s", del: "s",
  code: "code", pre: "pre", blockquote: "blockquote", a: "a", "tg-spoiler": "span", span: "span",
};
const LINK = /(https?:\/\/[^\s<]+)/g;

function deepLink(url) {
  const match = /^https?:\/\/t\.me\/([A-Za-z0-9_]+)\?start=([A-Za-z0-9_-]*)$/.exec(url);
  return match && match[1] === state.bot ? match[2] : null;
}

function link(url, label) {
  const a = document.createElement("a");
  a.textContent = label;
  a.href = url;
  const payload = deepLink(url);
  if (payload !== null) {
    a.addEventListener("click", (event) => {
      event.preventDefault();
      chooseOpener(event.currentTarget, payload);
    });
  } else {
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
  return a;
}

function plainInto(parent, text) {
  // Telegram turns bare addresses into links; so does the page.
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    parent.append(text.slice(at, match.index));
    parent.append(link(match[0], match[0]));
    at = match.index + match[0].length;
  }
  parent.append(text.slice(at));
}

function htmlInto(parent, node) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      plainInto(parent, child.textContent);
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = child.tagName.toLowerCase();
    const kind = TAGS[tag];
    if (!kind) { htmlInto(parent, child); continue; }
    if (kind === "a") {
      const href = child.getAttribute("href") || "";
      if (/^(https?:|tg:|tel:|mailto:)/.test(href)) {
        const a = link(href, "");
        htmlInto(a, child);
        parent.append(a);
      } else {
        htmlInto(parent, child);
      }
      continue;
    }
    const element = document.createElement(kind);
    if (tag === "tg-spoiler" || (tag === "span" && child.classList.contains("tg-spoiler"))) {
      element.className = "spoiler";
      element.addEventListener("click", () => element.classList.add("shown"));
    }
    htmlInto(element, child);
    parent.append(element);
  }
}

function drawText(parent, text, html) {
  if (!html) { plainInto(parent, text); return; }
  // DOMParser builds an inert document: nothing in it runs; only the tags above are copied.
  const doc = new DOMParser().parseFromString(`<body>${text}</body>`, "text/html");
  htmlInto(parent, doc.body);
}

// ---- the chats ----------------------------------------------------------------------------------

function paneFor(chat) {
  return state.panes.get(Number(chat));
}

function buildPane(chatId, title, role, who, writers) {
  const node = document.getElementById("chat-template").content.firstElementChild.cloneNode(true);
  node.dataset.chat = chatId;
  node.dataset.who = who;
  node.querySelector(".avatar").textContent = title[0];
  node.querySelector(".name").textContent = title;
  node.querySelector(".role").textContent = role;
  const select = node.querySelector(".as");
  if (writers) {
    select.hidden = false;
    for (const person of writers) select.add(new Option(person.name, person.key));
    select.value = "instructor";
  }
  const pane = { node, log: node.querySelector(".log"), chat: chatId, who, lastDay: "", messages: new Map() };
  const form = node.querySelector(".composer");
  const input = node.querySelector(".text");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    try {
      await api("/api/send", { who: writer(pane), chat: chatId, text });
    } catch (error) {
      say(`Not sent: ${error.message}`);
    }
  });
  node.querySelector(".commands").addEventListener("click", (event) => showCommands(event.currentTarget, pane));
  document.getElementById("chats").append(node);
  state.panes.set(chatId, pane);
  return pane;
}

function writer(pane) {
  return pane.chat < 0 ? pane.node.querySelector(".as").value : pane.who;
}

function scrollDown(pane) {
  pane.log.scrollTop = pane.log.scrollHeight;
}

function dayLine(pane, at) {
  if (!at) return;
  const today = day(at);
  if (today === pane.lastDay) return;
  pane.lastDay = today;
  const line = document.createElement("div");
  line.className = "day";
  line.textContent = today;
  pane.log.append(line);
}

function keyboard(pane, messageId, rows) {
  const board = document.createElement("div");
  board.className = "kb";
  for (const row of rows || []) {
    const line = document.createElement("div");
    line.className = "kb-row";
    for (const button of row) {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = button.text;
      if (button.url) {
        element.classList.add("url");
        element.dataset.url = button.url;
        element.addEventListener("click", (event) => {
          const payload = deepLink(button.url);
          if (payload !== null) chooseOpener(event.currentTarget, payload);
          else window.open(button.url, "_blank", "noopener");
        });
      } else {
        element.dataset.data = button.data;
        element.addEventListener("click", async () => {
          try {
            await api("/api/press", { who: writer(pane), chat: pane.chat, id: messageId, data: button.data });
          } catch (error) {
            say(`Not pressed: ${error.message}`);
          }
        });
      }
      line.append(element);
    }
    board.append(line);
  }
  return board;
}

function fillBubble(bubble, pane, event) {
  bubble.replaceChildren();
  if (event.sender !== "bot" && pane.chat < 0) {
    const sender = document.createElement("div");
    sender.className = "sender";
    sender.textContent = event.name;
    bubble.append(sender);
  }
  if (event.photo) {
    const img = document.createElement("img");
    img.className = "photo";
    img.alt = "photo";
    if (event.photo.url) img.src = event.photo.url;
    bubble.append(img);
  }
  if (event.document) {
    const a = document.createElement("a");
    a.className = "doc";
    a.textContent = event.document.name || "document";
    if (event.document.url) a.href = event.document.url;
    a.download = event.document.name || "";
    bubble.append(a);
  }
  const text = document.createElement("span");
  text.className = "text";
  drawText(text, event.text || "", event.html);
  bubble.append(text);
  const meta = document.createElement("span");
  meta.className = "meta";
  meta.textContent = (event.edited ? "edited " : "") + (event.at ? event.at.slice(11, 16) : "");
  bubble.append(meta);
}

function addMessage(pane, event) {
  dayLine(pane, event.at);
  const row = document.createElement("div");
  row.className = "msg" + (event.sender === "bot" ? " bot" : " mine");
  row.dataset.id = event.id;
  row.dataset.sender = event.sender;
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  row.append(bubble);
  const shown = { ...event };
  fillBubble(bubble, pane, shown);
  row.append(keyboard(pane, event.id, event.buttons));
  pane.messages.set(String(event.id), { row, bubble, shown });
  pane.log.append(row);
}

function editMessage(pane, event) {
  const known = pane.messages.get(String(event.id));
  if (!known) return;
  if (event.text !== undefined) {
    known.shown.text = event.text;
    known.shown.html = event.html;
    known.shown.edited = true;
    fillBubble(known.bubble, pane, known.shown);
  }
  known.row.querySelector(".kb").replaceWith(keyboard(pane, event.id, event.buttons));
}

function react(pane, event) {
  const known = pane.messages.get(String(event.id));
  if (!known) return;
  known.bubble.querySelector(".reaction")?.remove();
  if (!event.emoji.length) return;
  const badge = document.createElement("span");
  badge.className = "reaction";
  badge.textContent = event.emoji.join("");
  known.bubble.append(badge);
}

function handle(event) {
  const pane = paneFor(event.chat);
  if (!pane) return;
  if (event.kind === "message") addMessage(pane, event);
  else if (event.kind === "edit") editMessage(pane, event);
  else if (event.kind === "delete") pane.messages.get(String(event.id))?.row.classList.add("deleted");
  else if (event.kind === "reaction") react(pane, event);
  else if (event.kind === "toast" || event.kind === "service") {
    dayLine(pane, event.at);
    const line = document.createElement("div");
    line.className = event.kind + (event.alert ? " alert" : "");
    line.textContent = event.text;
    pane.log.append(line);
  }
  scrollDown(pane);
}

// ---- menus: "open this link as ..." and the command list ---------------------------------------

function openMenu(anchor, title, items) {
  const menu = document.getElementById("menu");
  menu.replaceChildren();
  const head = document.createElement("div");
  head.className = "menu-title";
  head.textContent = title;
  menu.append(head);
  for (const item of items) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = item.label;
    if (item.detail) {
      const small = document.createElement("small");
      small.textContent = item.detail;
      button.append(small);
    }
    button.addEventListener("click", () => { menu.hidden = true; item.run(); });
    menu.append(button);
  }
  const box = anchor.getBoundingClientRect();
  menu.hidden = false;
  menu.style.left = `${Math.min(box.left, window.innerWidth - menu.offsetWidth - 8)}px`;
  menu.style.top = `${Math.max(8, Math.min(box.bottom + 4, window.innerHeight - menu.offsetHeight - 8))}px`;
}

function chooseOpener(anchor, payload) {
  openMenu(anchor, "Open this link as…", state.people.map((person) => ({
    label: `${person.name} (${person.role})`,
    run: () => api("/api/open", { who: person.key, payload }).catch((error) => say(error.message)),
  })));
}

async function showCommands(anchor, pane) {
  const who = writer(pane);
  const { commands } = await api(`/api/commands?who=${who}&chat=${pane.chat}`);
  const mention = pane.chat < 0 ? `@${state.bot}` : "";
  openMenu(anchor, "Commands", commands.map((c) => ({
    label: `/${c.command}`,
    detail: c.description,
    run: () => api("/api/send", { who, chat: pane.chat, text: `/${c.command}${mention}` }).catch((error) => say(error.message)),
  })));
}

document.addEventListener("click", (event) => {
  const menu = document.getElementById("menu");
  if (!menu.hidden && !menu.contains(event.target) && !event.target.closest(".commands, a, .kb-row button")) {
    menu.hidden = true;
  }
});

// ---- the header: seed, the clock ------------------------------------------------------------------

async function nextEvent() {
  const result = await api("/api/next", {});
  showClock(result.clock);
  // Two events can share a minute, so the clock's text may not change: count the jumps done
  // (what a test, or a curious person, can watch).
  state.jumps += 1;
  document.getElementById("clock").dataset.jumps = String(state.jumps);
  return result.ran;
}

async function play() {
  while (state.playing) {
    let ran = null;
    try {
      ran = await nextEvent();
    } catch (error) {
      say(error.message);
    }
    if (!ran) break;
    await new Promise((resolve) => setTimeout(resolve, 2500));
  }
  state.playing = false;
  document.getElementById("play").setAttribute("aria-pressed", "false");
}

function setUpHeader() {
  const seed = document.getElementById("seed");
  seed.addEventListener("click", async () => {
    seed.disabled = true;
    say("Setting up the demo class through the bot…");
    try {
      const result = await api("/api/seed", {});
      say(`Demo class “${result.class}” is ready: first session ${day(result.first_date)}. Try ⏭ Next event.`);
    } catch (error) {
      say(`The demo could not be set up: ${error.message}`);
      seed.disabled = false;
    }
  });
  document.getElementById("next").addEventListener("click", () => nextEvent().catch((error) => say(error.message)));
  const toggle = document.getElementById("play");
  toggle.addEventListener("click", () => {
    state.playing = !state.playing;
    toggle.setAttribute("aria-pressed", String(state.playing));
    if (state.playing) play();
  });
  document.getElementById("status").style.color = "";
}

// ---- start ------------------------------------------------------------------------------------------

async function poll() {
  for (;;) {
    try {
      const data = await api(`/api/events?after=${state.last}`);
      for (const event of data.events) handle(event);
      state.last = data.last;
      showClock(data.clock);
    } catch (error) {
      say("Lost the playground (stopped?). Trying again…");
      await new Promise((resolve) => setTimeout(resolve, 2000));
      continue;
    }
    if (document.getElementById("status").textContent.startsWith("Lost")) say("");
  }
}

async function main() {
  const data = await api("/api/state");
  state.bot = data.bot;
  state.people = data.people;
  state.group = data.group;
  for (const person of data.people) buildPane(person.id, person.name, `${person.role} · private chat with the bot`, person.key, null);
  const writers = data.people.filter((p) => p.key !== "owner");
  buildPane(data.group.id, data.group.title, "Class group", "group", writers);
  setUpHeader();
  showClock(data.clock);
  document.body.dataset.ready = "true";
  poll();
}

main().catch((error) => say(`The playground did not load: ${error.message}`));
