# The bot in a container: one always-on process, its data in a volume.
#   docker build -t iaim-class-bot .
#   docker run -d --name iaim-class-bot --env-file .env -v iaim-data:/data iaim-class-bot
# (or `docker compose up -d` with compose.yaml). Stop it with `docker stop`: SIGTERM, clean exit.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATA_DIR=/data \
    BACKUP_DIR=/backups \
    MPLCONFIGDIR=/tmp/matplotlib

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# A user of its own, not root; it owns only the data folder.
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bot \
    && mkdir -p /data /backups && chown bot:bot /data /backups
USER bot
VOLUME ["/data"]

STOPSIGNAL SIGTERM
# Healthy while the bot's heartbeat (written every 30 s by its job queue) is fresh.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "bot.py", "health"]
CMD ["python", "bot.py", "run"]
