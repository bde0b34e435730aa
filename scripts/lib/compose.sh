# Shared by scripts/deploy and scripts/update: finds a Compose implementation
# and the compose file, and runs compose with them. Source it from the
# repository root.
#   EBILL_COMPOSE_FILE  compose file (default compose/docker-compose.yml;
#                       compose/docker-compose.external-db.yml for your own MySQL);
#                       FILE:FILE... adds override files, as compose -f A -f B
#   COMPOSE_PROJECT_NAME  project name, normally from compose/.env (default
#                         ebill: volumes ebill_spool, ebill_mysql-data)

EBILL_COMPOSE_FILE="${EBILL_COMPOSE_FILE:-compose/docker-compose.yml}"
COMPOSE=()

# Sets COMPOSE to "docker compose" (v2 plugin) or "docker-compose" (v1.27+),
# or prints how to get one and returns 1.
compose_find() {
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  else
    echo "error: Docker Compose is not installed: neither 'docker compose' nor 'docker-compose' works." >&2
    echo "  Debian/Ubuntu: apt-get install docker.io docker-compose" >&2
    echo "  or install Docker Engine with its compose plugin (docker-compose-plugin)." >&2
    return 1
  fi
}

# The compose files of EBILL_COMPOSE_FILE, one a line.
compose_files() {
  tr ':' '\n' <<<"$EBILL_COMPOSE_FILE"
}

# The .env that compose reads: beside the first compose file.
compose_env_file() {
  echo "$(dirname "$(compose_files | head -n 1)")/.env"
}

# Checks that the compose files and their .env exist; says what to do if not.
compose_check_files() {
  local file env_file
  while read -r file; do
    if [[ ! -f "$file" ]]; then
      echo "error: compose file $file not found" >&2
      return 1
    fi
  done < <(compose_files)
  env_file="$(compose_env_file)"
  if [[ ! -f "$env_file" ]]; then
    echo "error: $env_file is missing: cp compose/.env.example $env_file, then edit it" >&2
    echo "  (set DB_PASSWORD and your meters; see docs/deployment.md)" >&2
    return 1
  fi
  if ! grep -q '^COMPOSE_PROJECT_NAME=' "$env_file"; then
    export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-ebill}"
  fi
}

# The value of the last KEY=value line for KEY ($1) in the env file $2.
compose_env_value() {
  sed -n "s/^$1=//p" "$2" | tail -n 1
}

# Refuses (returns 1, saying how to fix it) a DB_PASSWORD in the compose
# file's .env that is unset, empty or still the one compose/.env.example
# shows: every container receives it, and the bundled MySQL creates its
# account with it.
compose_check_secrets() {
  local env_file password example
  env_file="$(compose_env_file)"
  password="$(compose_env_value DB_PASSWORD "$env_file")"
  example="$(compose_env_value DB_PASSWORD compose/.env.example)"
  if [[ -z "$password" ]]; then
    echo "error: DB_PASSWORD is not set in $env_file" >&2
  elif [[ "$password" == "$example" ]]; then
    echo "error: DB_PASSWORD in $env_file is still the example's '$example'" >&2
  else
    return 0
  fi
  echo "  set a password of your own there, e.g. one from: head -c 18 /dev/urandom | base64" >&2
  return 1
}

# Runs compose on the chosen file with the given arguments.
compose_run() {
  local file args=()
  while read -r file; do args+=(-f "$file"); done < <(compose_files)
  "${COMPOSE[@]}" "${args[@]}" "$@"
}
