# One image for web, worker and beat (docker-compose.yml chooses the command).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# DejaVu Sans for the PDF export (ReportLab embeds it, for text beyond Latin-1).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
COPY actionlog ./actionlog
COPY boards ./boards
RUN pip install .
COPY . .

# collectstatic needs settings that import cleanly: DEBUG off and a key, random and thrown
# away (the app refuses a published placeholder key).
RUN DEBUG=false SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 app && mkdir -p /app/var && chown app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "actionlog.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
