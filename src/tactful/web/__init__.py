"""The web app: FastAPI service, routes, auth, templates and static assets."""
