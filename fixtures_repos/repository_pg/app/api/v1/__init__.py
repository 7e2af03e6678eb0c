from app.api.v1.endpoints import auth, notes, projects

routers = [auth.router, projects.router, notes.router]
