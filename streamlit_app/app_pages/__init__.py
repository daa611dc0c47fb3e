"""Thin page scripts run by st.navigation in streamlit_app/app.py."""
